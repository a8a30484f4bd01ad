"""POST /cypher against the session's Neo4j: what the plan allowlist refuses (403, naming what),
what it lets through, the text bounds, the row and byte caps and the caller pool (429)."""

from __future__ import annotations

import json
import threading

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.routers.cypher import CALLER_SLOTS

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def client(built_graph) -> TestClient:
    with TestClient(create_app()) as test_client:
        yield test_client


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("CALL `dbms`.`listConfig`()", "dbms.listConfig"),
        ("CALL `dbms`.`listConfig`() YIELD name, value RETURN name, value", "dbms.listConfig"),
        ("CALL `db`.`clearQueryCaches`()", "db.clearQueryCaches"),
        ("CALL dbms.killConnections(['bolt-1'])", "dbms.killConnections"),
        ("CALL dbms.components()", "dbms.components"),
        ("CALL db.stats.clear()", "db.stats.clear"),
        ("SHOW USERS", "administration"),
        ("SHOW DATABASES", "administration"),
        ("SHOW SETTINGS", "ShowSettings"),
        ("SHOW TRANSACTIONS", "ShowTransactions"),
        ("SHOW PROCEDURES", "ShowProcedures"),
        ("TERMINATE TRANSACTIONS 'neo4j-transaction-1'", "TerminateTransactions"),
        ("USE neo4j MATCH (n) RETURN count(n) AS n", "USE"),
        ("USE system SHOW USERS", "USE"),
        ("MATCH (n RETURN n", "cannot parse"),
        ("RETURN 'unterminated", "cannot parse"),
        ("CREATE (n:X) RETURN n", "Create"),
        ("MATCH (n) SET n.hacked = true RETURN n", "SetProperty"),
        ("LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line", "LoadCSV"),
        ("CALL { MATCH (n) RETURN n } IN TRANSACTIONS RETURN 1", "TransactionApply"),
        ("RETURN " + "+".join(["1"] * 20000), "characters"),
        ("RETURN " + "(" * 300 + "1" + ")" * 300, "nested"),
    ],
)
def test_refused_with_403_naming_what(client: TestClient, query: str, named: str) -> None:
    response = client.post("/cypher", json={"query": query})
    assert response.status_code == 403, response.text
    body = response.json()
    assert body["error"] == "forbidden" and named in body["detail"], body
    assert "\n" not in body["detail"]


@pytest.mark.parametrize(
    "query",
    [
        "CALL db.labels() YIELD label RETURN label",
        "CALL db.relationshipTypes()",
        "CALL db.propertyKeys()",
        "CALL db.schema.visualization()",
        "CALL db.index.fulltext.queryNodes('entityNames', '小镇') YIELD node RETURN node.name AS name LIMIT 3",
        "MATCH p = (o:UnionOrganization)-[*1..2]-(x) RETURN p LIMIT 2",
        "MATCH (o:UnionOrganization) WITH o ORDER BY o.name SKIP 1 LIMIT 3 RETURN collect(o.name) AS names",
        "MATCH (o) WHERE o.name = 'use' RETURN count(o) AS n",  # a keyword in a string is data
    ],
)
def test_reads_and_allowlisted_procedures_run(client: TestClient, query: str) -> None:
    response = client.post("/cypher", json={"query": query})
    assert response.status_code == 200, response.text
    assert response.json()["rows"], response.text


def test_refused_query_changed_nothing(client: TestClient) -> None:
    client.post("/cypher", json={"query": "MATCH (n) SET n.hacked = true RETURN n"})
    response = client.post("/cypher", json={"query": "MATCH (n) WHERE n.hacked RETURN count(n) AS c"})
    assert response.json()["rows"] == [{"c": 0}]


def test_result_is_capped_in_bytes(client: TestClient) -> None:
    query = "UNWIND range(1, 100000) AS x RETURN x, 'padding padding padding' AS pad"
    response = client.post("/cypher", json={"query": query, "limit": 10000, "max_bytes": 5000})
    assert response.status_code == 200
    body = response.json()
    assert body["truncated"] is True and 0 < len(body["rows"]) < 10000
    assert len(json.dumps(body["rows"], ensure_ascii=False, separators=(",", ":"))) <= 5000
    assert body["rows"][0] == {"x": 1, "pad": "padding padding padding"}


def test_one_huge_value_is_cut_not_returned(client: TestClient) -> None:
    response = client.post("/cypher", json={"query": "RETURN range(1, 10000000) AS r"})
    assert response.status_code == 200, response.text
    assert response.json() == {"columns": ["r"], "rows": [], "truncated": True}
    assert len(response.content) < 1000


def test_rows_under_both_caps_are_complete(client: TestClient) -> None:
    body = client.post("/cypher", json={"query": "UNWIND range(1, 50) AS x RETURN x"}).json()
    assert body["truncated"] is False and [row["x"] for row in body["rows"]] == list(range(1, 51))


def test_values_serialise_as_strings(client: TestClient) -> None:
    query = "RETURN date('2024-05-01') AS d, point({x: 1, y: 2}) AS p, duration('P1D') AS t"
    body = client.post("/cypher", json={"query": query}).json()
    assert body["rows"] == [{"d": "2024-05-01", "p": "SRID=7203;POINT(1.0 2.0)", "t": "P1D"}]


def test_timeout_is_504_not_a_retry_loop(client: TestClient) -> None:
    query = "UNWIND range(1, 100000000) AS x WITH x WHERE x < 0 RETURN count(x) AS n"
    response = client.post("/cypher", json={"query": query, "timeout": 1})
    assert response.status_code == 504, response.text
    assert response.json()["error"] == "query_timeout"


def test_caller_queries_beyond_the_pool_get_429(client: TestClient, driver) -> None:
    """CALLER_SLOTS slow queries hold the pool; a further one is refused at once, named endpoints still answer."""
    marker = "range(1, 1000000001)"
    slow = {"query": f"UNWIND {marker} AS x WITH x WHERE x < 0 RETURN count(x) AS n", "timeout": 10}
    statuses: list[int] = []
    blockers = [
        threading.Thread(target=lambda: statuses.append(client.post("/cypher", json=slow).status_code))
        for _ in range(CALLER_SLOTS)
    ]
    for blocker in blockers:
        blocker.start()
    running = 0
    while running < CALLER_SLOTS and any(blocker.is_alive() for blocker in blockers):
        records, _, _ = driver.execute_query(
            "SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery CONTAINS $marker"
            " AND NOT currentQuery CONTAINS 'SHOW' RETURN count(*) AS n",
            marker=marker,
        )
        running = records[0]["n"]
    refused = client.post("/cypher", json={"query": "RETURN 1 AS x"})
    named = client.get("/practices")
    for blocker in blockers:
        blocker.join()
    assert running == CALLER_SLOTS, statuses
    assert refused.status_code == 429, refused.text
    assert refused.json()["error"] == "too_many_requests" and refused.headers["Retry-After"] == "1"
    assert named.status_code == 200
    assert statuses == [504] * CALLER_SLOTS
    assert client.post("/cypher", json={"query": "RETURN 1 AS x"}).status_code == 200
