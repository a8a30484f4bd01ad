"""The synthetic corpus with planted diffusion (tests/support/synthetic.py) through `ukg build`,
Neo4j and the API: the answers must match what the pipeline records give (the pure checks of
the same world are tests/unit/test_diffusion_synthetic.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from fastapi.testclient import TestClient

from analytics.precedence import precedence_network
from tests.support.paths import CORPUS
from tests.support.synthetic import MIN_PRECISION, MIN_RECALL, SEED, SyntheticWorld, report

pytestmark = pytest.mark.integration


# --- through `ukg build` and the API --------------------------------------------------------

def ukg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ukg", *args], capture_output=True, text=True,
                          env=dict(os.environ), timeout=600)


@pytest.fixture(scope="module")
def synthetic_graph(corpus: Path, neo4j_instance: str):
    """The synthetic corpus built into the test Neo4j with `ukg build`; the real corpus is rebuilt after."""
    from ukg.build import build_graph

    built = ukg("build", "--corpus", str(corpus), "--reset")
    assert built.returncode == 0, built.stderr
    try:
        yield corpus
    finally:
        build_graph(CORPUS, reset=True)


@pytest.fixture(scope="module")
def client(synthetic_graph: Path):
    from api.app import create_app

    with TestClient(create_app()) as test_client:
        yield test_client


@pytest.mark.xfail(strict=True, reason="new interval semantics: page-only adoptions are article-dated, "
                   "an upper bound; recall on this corpus drops (docs/diffusion.md, Intervals)")
def test_api_network_recovers_the_planted_edges(client: TestClient, world: SyntheticWorld, extracted) -> None:
    body = client.get("/diffusion/network", params={"level": "city"}).json()
    recovered = {(e["source"], e["target"]) for e in body["edges"]}
    precision, recall = report(f"ukg build + API, seed {SEED}", set(world.edges), recovered)
    assert precision >= MIN_PRECISION and recall >= MIN_RECALL
    events, _ = extracted
    assert recovered == {(e.source, e.target) for e in precedence_network(events, "city").shown}


def test_api_first_adopters_and_events_match_the_records(client: TestClient, world: SyntheticWorld,
                                                         extracted) -> None:
    for practice, (organization, year) in sorted(world.first_adopters.items()):
        body = client.get(f"/diffusion/practices/{practice}").json()
        assert body["first_year"] == year, practice
        assert [a["organization"] for a in body["first_adopters"]] == [organization], practice
    events, _ = extracted
    api_events = client.get("/diffusion/events").json()
    assert {(e["practice"], e["organization"], e["year"], e["date_basis"], e["county"], e["city"])
            for e in api_events} == {(e.practice, e.organization, e.year, e.date_basis, e.county, e.city)
                                     for e in events}
    claim = world.claims[0]
    body = client.get(f"/diffusion/practices/{claim.practice}").json()
    assert any(c["source"] == claim.source.name and c["target"] == claim.target
               for c in body["spread_claims"])


def test_cli_csv_from_the_graph(synthetic_graph: Path, extracted, tmp_path: Path) -> None:
    out = tmp_path / "adoptions.csv"
    result = ukg("diffusion", "--csv", str(out))
    assert result.returncode == 0, result.stderr
    frame = pd.read_csv(out)
    events, _ = extracted
    assert len(frame) == len(events)
    assert set(frame["date_basis"]) == {"stated", "article"}
