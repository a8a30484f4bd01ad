"""Diffusion on the real corpus: API endpoints and views (Neo4j), and `ukg diffusion` (corpus and graph)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from fastapi.testclient import TestClient

from analytics.export import FIELDNAMES
from tests.support.paths import CORPUS

SHANLIAN = "湖州市南浔区善琏湖笔小镇工会联合会"
NANHU = "嘉兴市南湖区总工会"


def ukg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ukg", *args], capture_output=True, text=True,
                          env={**os.environ, "COLUMNS": "200"}, timeout=600)


# --- the command line on the corpus (no database) --------------------------------------------

def test_cli_timeline_from_the_corpus() -> None:
    result = ukg("diffusion", "craftsman-school", "--corpus", str(CORPUS), "--json")
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    names = [e["organization"] for e in body["events"]]
    assert names.index(SHANLIAN) < names.index(NANHU)


def test_cli_csv_from_the_corpus_opens_in_pandas(tmp_path: Path) -> None:
    out = tmp_path / "adoptions.csv"
    result = ukg("diffusion", "--csv", str(out), "--corpus", str(CORPUS))
    assert result.returncode == 0, result.stderr
    frame = pd.read_csv(out)
    assert list(frame.columns) == list(FIELDNAMES)
    assert len(frame) == len(frame.drop_duplicates(["practice", "organization"]))  # one row per event
    assert len(frame) > 100 and frame["quote"].notna().all()
    assert set(frame["date_basis"]) <= {"stated", "article", "unknown"}


def test_cli_errors_are_one_line() -> None:
    result = ukg("diffusion", "no-such-practice", "--corpus", str(CORPUS))
    assert result.returncode != 0 and "unknown practice id" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    result = ukg("diffusion", "--region", "火星", "--corpus", str(CORPUS))
    assert result.returncode != 0 and "Traceback" not in result.stderr


# --- the API on the graph -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def client(built_graph) -> TestClient:
    from api.app import create_app

    with TestClient(create_app()) as test_client:
        yield test_client


@pytest.mark.integration
def test_craftsman_school_shanlian_before_nanhu_with_evidence(client: TestClient) -> None:
    body = client.get("/diffusion/practices/craftsman-school").json()
    events = {e["organization"]: e for e in body["events"]}
    order = [e["organization"] for e in body["events"]]
    assert SHANLIAN in events, "善琏湖笔小镇工会联合会 has no craftsman-school adoption in the graph"
    assert NANHU in events, "南湖区总工会 has no craftsman-school adoption in the graph"
    shanlian, nanhu = events[SHANLIAN], events[NANHU]
    print(f"\n善琏: {shanlian['year']} ({shanlian['date_basis']}); 南湖区: {nanhu['year']} ({nanhu['date_basis']})")
    assert shanlian["year"] <= 2018
    assert nanhu["year"] == 2023, "the 工匠课堂 adoption should be dated by `2023年南湖区推出了10个“工匠课堂”`"
    assert order.index(SHANLIAN) < order.index(NANHU)
    for event in (shanlian, nanhu):
        assert event["evidence"] and all(ev["quote"] and ev["doc_id"] for ev in event["evidence"])
        assert event["county"] and event["city"]
    assert any("工匠" in ev["quote"] for ev in nanhu["evidence"])
    assert body["first_year"] <= 2018 and body["cumulative"][-1]["adopters"] == body["adoptions"] - body["undated"]


@pytest.mark.integration
def test_explicit_spread_claim_is_listed(client: TestClient) -> None:
    body = client.get("/diffusion/practices/gig-worker-enrollment").json()
    assert any(c["source"] == "杭州市总工会" and c["target"] == "杭州市" for c in body["spread_claims"])


@pytest.mark.integration
def test_network_regions_and_errors(client: TestClient) -> None:
    for level in ("city", "county"):
        body = client.get("/diffusion/network", params={"level": level}).json()
        # a pair is tested only with min_weight orders between two-sided intervals: on the real
        # corpus one city pair has them and no county pair (docs/diffusion.md), so count the data
        assert body["level"] == level and body["pairs"]["established"] > 0
        assert body["innovativeness"] and body["chance_edges"] is not None
        for edge in body["edges"]:
            assert edge["significant"] and edge["direct"] and edge["weight"] >= body["min_weight"]
    every = client.get("/diffusion/network", params={"all_edges": "true"}).json()
    assert len(every["edges"]) >= len(body["edges"])
    region = client.get("/diffusion/regions/湖州市").json()
    assert region["level"] == "city" and region["adoptions"] > 0
    assert client.get("/diffusion/regions/admin-area/湖州市南浔区").json()["level"] == "county"
    assert client.get("/diffusion/regions/火星").status_code == 404
    assert client.get("/diffusion/practices/no-such-practice").status_code == 404
    assert client.get("/diffusion/network", params={"level": "village"}).status_code == 422


@pytest.mark.integration
def test_events_csv_from_the_api(client: TestClient) -> None:
    events = client.get("/diffusion/events").json()
    response = client.get("/diffusion/events", params={"format": "csv"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    frame = pd.read_csv(io.StringIO(response.text))
    assert len(frame) == len(events) and list(frame.columns) == list(FIELDNAMES)


@pytest.mark.integration
def test_api_events_equal_the_extraction(client: TestClient) -> None:
    from analytics.adoptions import events_from_records
    from graph_loader.pipeline import run_extraction

    result = run_extraction(CORPUS)
    records = {(e.practice, e.organization, e.year, e.date_basis, e.city)
               for e in events_from_records(result.entities, result.relations)}
    graph = {(e["practice"], e["organization"], e["year"], e["date_basis"], e["city"])
             for e in client.get("/diffusion/events").json()}
    assert graph == records


@pytest.mark.integration
def test_views_are_offline_pages(client: TestClient) -> None:
    page = client.get("/views/diffusion/practices/craftsman-school")
    assert page.status_code == 200 and "<svg" in page.text and SHANLIAN in page.text
    assert "src=\"http" not in page.text and "href=\"http" not in page.text
    network = client.get("/views/diffusion/network", params={"level": "city"})
    assert network.status_code == 200 and "显著的先后关系" in network.text and "<script" in network.text
    assert "src=\"http" not in network.text
    assert client.get("/views/diffusion/practices/nope").status_code == 404
