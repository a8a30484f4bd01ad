"""Decide whether caller Cypher may run: by Neo4j's own plan, not by a pattern list.

Why the plan: a pattern list over the text leaks (backtick-quoted names like
CALL `dbms`.`listConfig`() passed it, SHOW commands were never on it). Neo4j's planner resolves
every name the way it will run it, so the EXPLAIN plan says exactly which operators and which
procedures a query would use. A query may run only when every operator is on a list of read
operators and every procedure call is on a short allowlist; anything else — writes, schema and
administration commands, SHOW, LOAD CSV, CALL … IN TRANSACTIONS, and operators this list does not
know yet — is refused, and the refusal names what was refused.

Before anything reaches Neo4j the text itself is bounded (length, bracket nesting), because the
planner's work grows with the size of an expression; and `USE`, which the plan does not show, is
refused from the text. Strings, quoted names and comments are blanked before the text is scanned,
so a keyword inside a string literal does not count.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from api.text_bounds import nesting_depth

MAX_QUERY_CHARS = 4000  # `WHERE n.x = 1 OR …` with 500 terms (≈6,500 characters) plans for over 5 s
MAX_NESTING = 32  # brackets ( [ { open at once

ALLOWED_PROCEDURES = (
    "db.labels",
    "db.relationshipTypes",
    "db.propertyKeys",
    "db.schema.visualization",
    "db.schema.nodeTypeProperties",
    "db.schema.relTypeProperties",
    "db.index.fulltext.queryNodes",
    "db.index.fulltext.queryRelationships",
)
_ALLOWED_LOWER = {name.lower() for name in ALLOWED_PROCEDURES}

# Plan operators (as EXPLAIN names them, without the "(All)"-style variant and "@database") that
# only read (EmptyResult only discards rows; it is listed so that a write is refused by its own
# operator's name). Anything not here is refused: a new Neo4j operator is refused until someone looks at it.
READ_OPERATORS = frozenset(
    """
    ProduceResults Argument ArgumentTracker EmptyRow EmptyResult
    AllNodesScan NodeByLabelScan NodeByIdSeek NodeByElementIdSeek NodeIndexScan NodeIndexSeek
    NodeIndexSeekByRange NodeUniqueIndexSeek NodeUniqueIndexSeekByRange NodeIndexContainsScan
    NodeIndexEndsWithScan MultiNodeIndexSeek AssertingMultiNodeIndexSeek
    AssertingMultiRelationshipIndexSeek IntersectionNodeByLabelsScan UnionNodeByLabelsScan
    SubtractionNodeByLabelsScan
    DirectedAllRelationshipsScan UndirectedAllRelationshipsScan DirectedRelationshipTypeScan
    UndirectedRelationshipTypeScan DirectedUnionRelationshipTypesScan UndirectedUnionRelationshipTypesScan
    DirectedRelationshipIndexScan UndirectedRelationshipIndexScan DirectedRelationshipIndexSeek
    UndirectedRelationshipIndexSeek DirectedRelationshipIndexSeekByRange UndirectedRelationshipIndexSeekByRange
    DirectedRelationshipIndexContainsScan UndirectedRelationshipIndexContainsScan
    DirectedRelationshipIndexEndsWithScan UndirectedRelationshipIndexEndsWithScan
    DirectedRelationshipUniqueIndexSeek UndirectedRelationshipUniqueIndexSeek
    DirectedRelationshipUniqueIndexSeekByRange UndirectedRelationshipUniqueIndexSeekByRange
    DirectedRelationshipByIdSeek UndirectedRelationshipByIdSeek DirectedRelationshipByElementIdSeek
    UndirectedRelationshipByElementIdSeek NodeCountFromCountStore RelationshipCountFromCountStore
    Expand OptionalExpand VarLengthExpand BFSPruningVarLengthExpand ShortestPath StatefulShortestPath
    Trail Repeat BidirectionalRepeat ProjectEndpoints TriadicSelection TriadicBuild TriadicFilter
    Apply SemiApply AntiSemiApply LetSemiApply LetAntiSemiApply SelectOrSemiApply SelectOrAntiSemiApply
    LetSelectOrSemiApply LetSelectOrAntiSemiApply ConditionalApply AntiConditionalApply RollUpApply
    Optional Anti CartesianProduct NodeHashJoin ValueHashJoin NodeLeftOuterHashJoin NodeRightOuterHashJoin
    Filter Limit ExhaustiveLimit Skip Sort PartialSort Top Top1WithTies PartialTop Projection Distinct
    OrderedDistinct Aggregation EagerAggregation OrderedAggregation Unwind Union OrderedUnion Eager
    CacheProperties AssertSameNode AssertSameRelationship NullifyMetadata AtMostOneRow
    """.split()
)

_BLANKED = re.compile(r"'(?:\\.|[^'\\])*'|\"(?:\\.|[^\"\\])*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.S)
_USE = re.compile(r"\bUSE\b", re.I)
_PROCEDURE_NAME = re.compile(r"^\s*([\w.]+)\s*\(")


class ForbiddenCypher(ValueError):
    """The query may not run here; the message names what was refused (→ 403)."""


def check_text(query: str) -> None:
    """Bound the text and refuse `USE` before the query reaches Neo4j."""
    if len(query) > MAX_QUERY_CHARS:
        raise ForbiddenCypher(
            f"refused: the query is {len(query)} characters, over the limit of {MAX_QUERY_CHARS}"
            " (pass data as parameters)"
        )
    text = _BLANKED.sub(" ", query)
    deepest = nesting_depth(text)
    if deepest > MAX_NESTING:
        raise ForbiddenCypher(f"refused: brackets nested {deepest} deep, over the limit of {MAX_NESTING}")
    if _USE.search(text):
        raise ForbiddenCypher("refused: USE (this endpoint reads the default database only)")


def check_plan(plan: Mapping[str, Any] | None, query_type: str | None, database: str) -> None:
    """Accept only a plan of read operators on `database` whose procedure calls are allowlisted."""
    if plan is None:
        raise ForbiddenCypher("refused: Neo4j returned no plan for the query")
    for operator, details in _operators(plan):
        name, _, where = operator.partition("@")
        base = name.split("(", 1)[0]
        if where and where != database:
            raise ForbiddenCypher(f"refused: administration command ({base} on database '{where}')")
        if base == "ProcedureCall":
            _check_procedure(details)
        elif base.startswith(("Show", "Terminate")):
            raise ForbiddenCypher(f"refused: SHOW and TERMINATE commands are not allowed ({base})")
        elif base not in READ_OPERATORS:
            raise ForbiddenCypher(f"refused: plan operator {base} is not a read (only reads may run here)")
    if query_type not in (None, "r"):
        raise ForbiddenCypher(f"refused: Neo4j classifies the query as {query_type!r}, not read-only")


def _check_procedure(details: str) -> None:
    match = _PROCEDURE_NAME.match(details)
    if match is None:
        raise ForbiddenCypher("refused: a procedure call Neo4j did not name in its plan")
    name = match.group(1)
    if name.lower() not in _ALLOWED_LOWER:
        raise ForbiddenCypher(f"refused: procedure {name} is not on the allowlist ({', '.join(ALLOWED_PROCEDURES)})")


def _operators(plan: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """(operatorType, Details) of every operator in the plan tree, root first."""
    stack = [plan]
    while stack:
        node = stack.pop()
        args = node.get("args") or {}
        yield str(node.get("operatorType", "")), str(args.get("Details", ""))
        stack.extend(node.get("children") or [])
