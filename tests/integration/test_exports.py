"""GET /export/{graphml,csv} and `ukg export --format csv` on the corpus graph: what networkx and pandas read back.

Counts are compared with Cypher over the same labels (entities and concepts carry :Entity; the
bookkeeping — Evidence, Article, SourceDocument — does not), so a node or edge lost or added on the
way through the query, the conversion or the HTTP layer shows up here.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.app import create_app
from ukg.cli import app as cli_app

pytestmark = pytest.mark.integration

HEADLINE_UNIONS = ("湖州市南浔区善琏湖笔小镇工会联合会", "温州市瓯海区眼镜小镇联合工会")


@pytest.fixture(scope="module")
def client(built_graph) -> TestClient:
    with TestClient(create_app()) as test_client:
        yield test_client


def _scalar(driver, cypher: str, **params: object) -> object:
    records, _, _ = driver.execute_query(cypher, params)
    return records[0][0]


def _tables(body: bytes) -> tuple[pd.DataFrame, pd.DataFrame]:
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        return pd.read_csv(archive.open("nodes.csv")), pd.read_csv(archive.open("edges.csv"))


def test_graphml_and_csv_hold_every_entity_and_relationship_between_entities(client: TestClient, driver) -> None:
    node_count = _scalar(driver, "MATCH (n:Entity) RETURN count(n)")
    edge_count = _scalar(driver, "MATCH (:Entity)-[r]->(:Entity) RETURN count(r)")
    evidence_count = _scalar(driver, "MATCH (ev:Evidence) WHERE EXISTS { (:Entity {key: ev.target}) } RETURN count(ev)")

    response = client.get("/export/graphml")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/graphml+xml")
    assert response.headers["content-disposition"] == 'attachment; filename="ukg-graph.graphml"'
    graph = nx.read_graphml(io.BytesIO(response.content))
    assert graph.number_of_nodes() == node_count > 500
    assert graph.number_of_edges() == edge_count > 1000
    classes = {attrs["class"] for _, attrs in graph.nodes(data=True)}
    assert {"UnionOrganization", "Carrier", "Practice", "Program"} <= classes
    assert not classes & {"Evidence", "Article", "SourceDocument", "Entity", "Organization"}
    assert "MENTIONED_IN" not in {attrs["type"] for _, _, attrs in graph.edges(data=True)}
    assert sum(attrs["evidence_count"] for _, attrs in graph.nodes(data=True)) == evidence_count

    response = client.get("/export/csv")
    assert response.status_code == 200 and response.headers["content-type"] == "application/zip"
    assert response.headers["content-disposition"] == 'attachment; filename="ukg-graph-csv.zip"'
    nodes, edges = _tables(response.content)
    assert len(nodes) == node_count and len(edges) == edge_count
    assert nodes["key"].is_unique and edges["key"].is_unique
    assert set(edges["source"]) | set(edges["target"]) <= set(nodes["key"])
    assert set(nodes["key"]) == set(graph.nodes)
    assert set(edges["key"]) == {key for _, _, key in graph.edges(keys=True)}
    assert nodes["evidence_count"].dtype == "int64" and edges["confidence"].dtype == "float64"
    adopts_years = edges.loc[edges["type"] == "ADOPTS", "year"].dropna()
    assert len(adopts_years) > 0 and (adopts_years == adopts_years.round()).all()


def test_practice_filter_keeps_the_adopters_their_edges_and_the_headline_adoptions(client: TestClient, driver) -> None:
    adopters = set(
        _scalar(
            driver,
            "MATCH (o:Organization)-[:ADOPTS]->(:Practice {id: $practice}) RETURN collect(DISTINCT o.key)",
            practice="craftsman-school",
        )
    )
    response = client.get("/export/csv", params={"practice": "craftsman-school"})
    assert response.status_code == 200
    nodes, edges = _tables(response.content)
    assert adopters <= set(nodes["key"])
    assert (edges["source"].isin(adopters) | edges["target"].isin(adopters)).all()
    assert set(edges["source"]) | set(edges["target"]) == set(nodes["key"])  # no node without an edge here
    adopts = edges[edges["type"] == "ADOPTS"]
    adoptions = set(zip(adopts["source"], adopts["target"], strict=True))
    for union in HEADLINE_UNIONS:
        assert (f"union-organization/{union}", "practice/craftsman-school") in adoptions
    assert len(nodes) < _scalar(driver, "MATCH (n:Entity) RETURN count(n)")

    graphml = client.get("/export/graphml", params={"practice": "craftsman-school", "types": "ADOPTS"})
    assert graphml.status_code == 200
    graph = nx.read_graphml(io.BytesIO(graphml.content))
    assert {attrs["type"] for _, _, attrs in graph.edges(data=True)} == {"ADOPTS"}
    assert graph.number_of_edges() == (edges["type"] == "ADOPTS").sum()


def test_region_filter_and_bad_filters(client: TestClient) -> None:
    nodes, edges = _tables(client.get("/export/csv", params={"region": "湖州市"}).content)
    assert "admin-area/湖州市" in set(nodes["key"]) and len(edges) > 0
    assert "carrier/湖州市南浔区善琏湖笔小镇" in set(nodes["key"])
    bad = (({"practice": "nope"}, "practice"), ({"region": "火星"}, "region"), ({"types": "FOO"}, "types"))
    for params, named in bad:
        response = client.get("/export/graphml", params=params)
        assert response.status_code == 422, params
        body = response.json()
        assert body["error"] == "bad_parameter" and body["detail"].startswith(f"{named}:")
    assert client.get("/export/pdf").json()["error"] == "bad_parameter"


def test_cli_writes_the_same_tables_as_the_api(client: TestClient, tmp_path: Path) -> None:
    params = {"practice": "craftsman-school", "region": "湖州市"}
    body = client.get("/export/csv", params=params).content
    result = CliRunner().invoke(
        cli_app,
        ["export", "-f", "csv", "--out", str(tmp_path), "--practice", "craftsman-school", "--region", "湖州市",
         "--no-start-neo4j"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        for name in ("nodes.csv", "edges.csv"):
            assert (tmp_path / name).read_bytes() == archive.read(name)
    assert len(pd.read_csv(tmp_path / "nodes.csv")) > 0
