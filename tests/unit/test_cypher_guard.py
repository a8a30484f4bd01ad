"""api.cypher_guard without a database: the text bounds and the plan allowlist on plans shaped
like the ones Neo4j 5.26 returns for EXPLAIN (operatorType "Name@database", args.Details)."""

from __future__ import annotations

import pytest

from api.cypher_guard import MAX_NESTING, MAX_QUERY_CHARS, ForbiddenCypher, check_plan, check_text


def _plan(*operators: tuple[str, str]) -> dict:
    """A linear plan, root first, from (operatorType, Details) pairs."""
    node: dict = {}
    for operator, details in reversed(operators):
        node = {"operatorType": operator, "args": {"Details": details}, "children": [node] if node else []}
    return node


def test_text_within_bounds_passes() -> None:
    check_text("MATCH (o:UnionOrganization {name: $name})-[:ADOPTS]->(p) RETURN o, [p.name] AS names")


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("RETURN " + "+".join(["1"] * 20000), "characters"),
        ("RETURN " + "(" * 300 + "1" + ")" * 300, "nested 300 deep"),
        ("RETURN " + "[" * (MAX_NESTING + 1) + "1" + "]" * (MAX_NESTING + 1), "nested"),
        ("USE neo4j MATCH (n) RETURN n", "USE"),
        ("CALL { use system RETURN 1 AS x } RETURN x", "USE"),
    ],
)
def test_text_refusals_name_the_reason(query: str, named: str) -> None:
    with pytest.raises(ForbiddenCypher, match=named):
        check_text(query)


def test_limits_count_only_code() -> None:
    check_text("RETURN 'USE (((((((((((((((((((((((((((((((((((((((' AS s // USE [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[")
    check_text("x" * MAX_QUERY_CHARS)
    with pytest.raises(ForbiddenCypher):
        check_text("x" * (MAX_QUERY_CHARS + 1))


def test_read_plan_with_allowlisted_procedure_passes() -> None:
    check_plan(
        _plan(
            ("ProduceResults@neo4j", "node"),
            ("Expand(All)@neo4j", "(node)-[anon_0]->(p)"),
            ("ProcedureCall@neo4j", "db.index.fulltext.queryNodes($autostring_0, $q) :: (node :: NODE)"),
        ),
        "r",
        "neo4j",
    )


@pytest.mark.parametrize(
    ("plan", "query_type", "named"),
    [
        # CALL `dbms`.`listConfig`(): the planner resolves the quoted name
        (
            _plan(("ProduceResults@neo4j", "name"), ("ProcedureCall@neo4j", "dbms.listConfig() :: (name :: STRING)")),
            "s",
            "procedure dbms.listConfig",
        ),
        (
            _plan(
                ("ProduceResults@neo4j", "value"), ("ProcedureCall@neo4j", "db.clearQueryCaches() :: (value :: STRING)")
            ),
            "s",
            "procedure db.clearQueryCaches",
        ),
        (_plan(("AdministrationCommand@system", "")), "s", "administration"),
        (_plan(("ProduceResults@neo4j", "x"), ("ShowTransactions@neo4j", "allTransactions")), "r", "ShowTransactions"),
        (_plan(("ProduceResults@neo4j", "x"), ("ShowSettings@neo4j", "allSettings")), "r", "ShowSettings"),
        (_plan(("ProduceResults@neo4j", ""), ("EmptyResult@neo4j", ""), ("Create@neo4j", "(n:X)")), "w", "Create"),
        (_plan(("ProduceResults@neo4j", "l"), ("LoadCSV@neo4j", "l")), "r", "LoadCSV"),
        (_plan(("ProduceResults@neo4j", "x"), ("TransactionApply@neo4j", "IN TRANSACTIONS")), "r", "TransactionApply"),
        (_plan(("ProduceResults@neo4j", "x"), ("SomeFutureOperator@neo4j", "")), "r", "SomeFutureOperator"),
        (_plan(("ProduceResults@neo4j", "x")), "rw", "'rw'"),
    ],
)
def test_plan_refusals_name_what_was_refused(plan: dict, query_type: str, named: str) -> None:
    with pytest.raises(ForbiddenCypher, match=named):
        check_plan(plan, query_type, "neo4j")


def test_plan_on_another_database_is_refused() -> None:
    with pytest.raises(ForbiddenCypher, match="database 'other'"):
        check_plan(_plan(("ProduceResults@other", "n"), ("AllNodesScan@other", "n")), "r", "neo4j")


def test_no_plan_is_refused() -> None:
    with pytest.raises(ForbiddenCypher):
        check_plan(None, "r", "neo4j")
