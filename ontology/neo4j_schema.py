"""The Neo4j schema the ontology implies: constraints, range and full-text indexes, as DDL.

Why apart from the façade: the façade answers "what is this name", this module answers "what
must the database enforce and index". It is derived entirely from the façade (class keys,
ukg:neo4jIndexed properties, full-text classes), so the writer that applies it and the tests
that compare it with `SHOW CONSTRAINTS` / `SHOW INDEXES` agree by construction.
"""

from __future__ import annotations

from collections.abc import Iterable

from ontology.model import OntClass, Ontology, get_ontology

FULLTEXT_INDEX = "entityNames"
FULLTEXT_PROPERTIES = ("name", "aliasText")


def _snake(label: str) -> str:
    """PascalCase label → snake_case for constraint/index names (names only, never lookups)."""
    return "".join(f"_{ch.lower()}" if ch.isupper() and i else ch.lower() for i, ch in enumerate(label))


def _concrete(ont: Ontology) -> list[OntClass]:
    return sorted((c for c in ont.classes.values() if not c.abstract), key=lambda c: c.name)


def expected_schema(ont: Ontology) -> dict[str, dict[str, tuple]]:
    """What schema_statements creates, by name, for comparing with SHOW CONSTRAINTS/INDEXES.

    {"constraints": {name: (label, property)}, "indexes": {name: (label, property)},
     "fulltext": {name: ((label, …), (property, …))}} — see `schema_differences`.
    """
    marker = ont.classes[ont.label("Entity")]
    constraints = {
        _snake(c.name) + f"_{c.key}_unique": (c.name, c.key)
        for c in _concrete(ont)
        if c.unique and (c is marker or c.record or c.key != marker.key)
    }
    indexes = {
        f"{_snake(c.name)}_{_snake(prop)}": (c.name, prop)
        for c in sorted(ont.classes.values(), key=lambda c: c.name)
        for prop in sorted(ont.indexed_properties & ont.allowed_properties(c.name))
    }
    fulltext_labels = tuple(sorted(c.name for c in ont.classes.values() if c.fulltext))
    return {
        "constraints": constraints,
        "indexes": indexes,
        "fulltext": {FULLTEXT_INDEX: (fulltext_labels, FULLTEXT_PROPERTIES)},
    }


def schema_statements(ont: Ontology) -> list[str]:
    """Cypher DDL for the Neo4j schema, idempotent (IF NOT EXISTS), in a deterministic order.

    Uniqueness on Entity.key, which every entity and concept node carries, and on the keys
    its constraint does not cover (records, and concepts' `id`) — one constraint less per
    node is a check and an index entry less per write; a range index on each ukg:neo4jIndexed
    property (`name`, and the writer's `docId`/`target`) for every label that may carry it,
    abstract ones too — the planner only uses an index on the label a query names, so
    `(:Organization {name})` and `(:UnionOrganization {name})` both need one;
    the `entityNames` full-text index over `name` and `aliasText` — the writer must set
    `aliasText` (aliases joined by ' | ') because full-text indexes skip list properties.
    """
    schema = expected_schema(ont)
    out = [
        f"CREATE CONSTRAINT {name} IF NOT EXISTS FOR (n:{label}) REQUIRE n.{prop} IS UNIQUE"
        for name, (label, prop) in schema["constraints"].items()
    ]
    out += [
        f"CREATE INDEX {name} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})"
        for name, (label, prop) in schema["indexes"].items()
    ]
    for name, (labels, props) in schema["fulltext"].items():
        out.append(
            f"CREATE FULLTEXT INDEX {name} IF NOT EXISTS FOR (n:{'|'.join(labels)}) "
            f"ON EACH [{', '.join(f'n.{p}' for p in props)}] "
            "OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}"
        )
    return out


def drop_statement(kind: str, name: str) -> str:
    """DDL dropping a constraint or index by name ('constraints' / 'indexes'); names are
    backtick-quoted (they come from SHOW, never from a caller)."""
    ddl = {"constraints": "CONSTRAINT", "indexes": "INDEX"}[kind]
    return f"DROP {ddl} `{name.replace('`', '``')}` IF EXISTS"


def schema_differences(
    constraints: Iterable[dict[str, object]], indexes: Iterable[dict[str, object]], ont: Ontology | None = None
) -> list[str]:
    """Compare `SHOW CONSTRAINTS` / `SHOW INDEXES` rows with expected_schema(); [] when they agree.

    Rows are dicts with Neo4j's columns `name`, `labelsOrTypes`, `properties` (and `type` for
    indexes); extra constraints/indexes in the database are reported too. `ont` defaults to the
    process-wide ontology.
    """
    expected = expected_schema(ont or get_ontology())
    problems: list[str] = []
    found_c = {str(r["name"]): r for r in constraints}
    for name, (label, prop) in expected["constraints"].items():
        row = found_c.pop(name, None)
        if row is None:
            problems.append(f"missing constraint {name} on :{label}({prop})")
        elif list(row.get("labelsOrTypes") or []) != [label] or list(row.get("properties") or []) != [prop]:
            problems.append(f"constraint {name} is on {row.get('labelsOrTypes')}{row.get('properties')}")
    problems += [f"unexpected constraint {name}" for name in sorted(found_c)]
    rows = {str(r["name"]): r for r in indexes if str(r.get("type", "")).upper() != "LOOKUP"}
    for name in expected["constraints"]:
        rows.pop(name, None)  # a constraint's backing index is listed by SHOW INDEXES too
    for name, (label, prop) in expected["indexes"].items():
        row = rows.pop(name, None)
        if row is None:
            problems.append(f"missing index {name} on :{label}({prop})")
        elif list(row.get("labelsOrTypes") or []) != [label] or list(row.get("properties") or []) != [prop]:
            problems.append(f"index {name} is on {row.get('labelsOrTypes')}{row.get('properties')}")
    for name, (labels, props) in expected["fulltext"].items():
        row = rows.pop(name, None)
        if row is None:
            problems.append(f"missing full-text index {name}")
        elif (sorted(row.get("labelsOrTypes") or []), list(row.get("properties") or [])) != (
            list(labels),
            list(props),
        ):
            problems.append(f"full-text index {name} is on {row.get('labelsOrTypes')}{row.get('properties')}")
    problems += [f"unexpected index {name}" for name in sorted(rows)]
    return problems
