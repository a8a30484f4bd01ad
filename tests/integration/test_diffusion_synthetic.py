"""Validation on a synthetic corpus with planted diffusion (analytics/synthetic.py).

The corpus is written in the corpus's own style (newspaper pages, a retrospective magazine
issue, a manifest), run through the real pipeline — `run_extraction`, and `ukg build` into Neo4j
for the API — and the inferred first adopters, years and precedence network are compared with
what was planted. Each test prints the planted and the recovered network.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pandas as pd
import pytest
from fastapi.testclient import TestClient

from analytics.adoptions import claims_from_records, events_from_records
from analytics.precedence import precedence_network
from analytics.timeline import practice_timeline
from graph_loader.pipeline import run_extraction
from tests.support.paths import CORPUS
from tests.support.synthetic import SyntheticWorld, plan_world, write_corpus

SEED = 8
MIN_PRECISION = MIN_RECALL = 0.8


def precision_recall(recovered: set[tuple[str, str]], planted: set[tuple[str, str]]) -> tuple[float, float]:
    hits = len(recovered & planted)
    return hits / max(len(recovered), 1), hits / len(planted)


def report(label: str, planted: set[tuple[str, str]], recovered: set[tuple[str, str]]) -> tuple[float, float]:
    precision, recall = precision_recall(recovered, planted)
    print(f"\n[{label}] planted network ({len(planted)} edges):")
    for a, b in sorted(planted):
        print(f"  {a} → {b}{'' if (a, b) in recovered else '   (missed)'}")
    print(f"[{label}] recovered network ({len(recovered)} edges):")
    for a, b in sorted(recovered):
        print(f"  {a} → {b}{'' if (a, b) in planted else '   (not planted)'}")
    print(f"[{label}] precision {precision:.2f}, recall {recall:.2f}")
    return precision, recall


@pytest.fixture(scope="module")
def world() -> SyntheticWorld:
    return plan_world(SEED)


@pytest.fixture(scope="module")
def corpus(world: SyntheticWorld, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("synthetic-corpus")
    write_corpus(world, folder)
    return folder


@pytest.fixture(scope="module")
def extracted(corpus: Path):
    result = run_extraction(corpus)
    return (events_from_records(result.entities, result.relations),
            claims_from_records(result.entities, result.relations))


def planted_years(world: SyntheticWorld) -> dict[tuple[str, str], int]:
    years: dict[tuple[str, str], int] = defaultdict(lambda: 9999)
    for a in world.adoptions:
        key = (a.practice, a.organization.name)
        years[key] = min(years[key], a.year)
    return dict(years)


def test_corpus_reads_like_the_real_one(corpus: Path) -> None:
    pages = sorted(corpus.glob("synthetic-*-page.txt"))
    assert pages and (corpus / "manifest.json").is_file()
    text = pages[0].read_text(encoding="utf-8")
    assert "本报讯 通讯员" in text and "近日，" in text
    review = (corpus / "synthetic-2023-review.txt").read_text(encoding="utf-8")
    assert "年，" in review and "■" in review


def test_every_planted_adoption_is_found_with_its_year(world: SyntheticWorld, extracted) -> None:
    events, _ = extracted
    found = {(e.practice, e.organization): e for e in events}
    planted = planted_years(world)
    missing = sorted(set(planted) - set(found))
    wrong = {key: (year, found[key].year) for key, year in planted.items()
             if key in found and found[key].year != year}
    assert not missing, missing
    assert not wrong, wrong
    bases = {found[key].date_basis for key in planted}
    assert bases == {"stated", "article"}  # both ways of dating are exercised
    for key in planted:
        assert found[key].evidence, key


def test_first_adopters_and_years_are_exact(world: SyntheticWorld, extracted) -> None:
    events, _ = extracted
    for practice, (organization, year) in sorted(world.first_adopters.items()):
        timeline = practice_timeline(events, practice)
        assert timeline.first_year == year, practice
        assert [e.organization for e in timeline.first_adopters] == [organization], practice


def test_precedence_network_recovers_the_planted_edges(world: SyntheticWorld, extracted) -> None:
    events, _ = extracted
    network = precedence_network(events, "city")
    recovered = {(e.source, e.target) for e in network.shown}
    precision, recall = report(f"pipeline, seed {SEED}", set(world.edges), recovered)
    print(f"edges chance alone would show: {network.chance_edges}")
    assert precision >= MIN_PRECISION and recall >= MIN_RECALL
    assert network.chance_edges is not None and network.chance_edges < 1


def test_spread_claims_are_listed_apart_from_inferred_order(world: SyntheticWorld, extracted) -> None:
    events, claims = extracted
    assert world.claims
    found = {(c.practice, c.source, c.target, c.year) for c in claims}
    planted = {(c.practice, c.source.name, c.target, c.year) for c in world.claims}
    assert found == planted
    claim = world.claims[0]
    timeline = practice_timeline(events, claim.practice, claims)
    assert any(c.source == claim.source.name and c.target == claim.target for c in timeline.spread_claims)
    assert all(c.evidence for c in timeline.spread_claims)


def test_recovery_holds_across_seeds(tmp_path: Path) -> None:
    """Not one lucky world: ten planted worlds through the whole pipeline."""
    for seed in range(10):
        world = plan_world(seed)
        folder = tmp_path / f"seed{seed}"
        write_corpus(world, folder)
        result = run_extraction(folder)
        events = events_from_records(result.entities, result.relations)
        recovered = {(e.source, e.target) for e in precedence_network(events, "city", shuffles=0).shown}
        precision, recall = report(f"pipeline, seed {seed}", set(world.edges), recovered)
        assert precision >= MIN_PRECISION and recall >= MIN_RECALL, seed
        for practice, (organization, year) in world.first_adopters.items():
            timeline = practice_timeline(events, practice)
            assert (timeline.first_year, [e.organization for e in timeline.first_adopters]) == \
                (year, [organization]), (seed, practice)


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


@pytest.mark.integration
def test_api_network_recovers_the_planted_edges(client: TestClient, world: SyntheticWorld, extracted) -> None:
    body = client.get("/diffusion/network", params={"level": "city"}).json()
    recovered = {(e["source"], e["target"]) for e in body["edges"]}
    precision, recall = report(f"ukg build + API, seed {SEED}", set(world.edges), recovered)
    assert precision >= MIN_PRECISION and recall >= MIN_RECALL
    events, _ = extracted
    assert recovered == {(e.source, e.target) for e in precedence_network(events, "city").shown}


@pytest.mark.integration
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


@pytest.mark.integration
def test_cli_csv_from_the_graph(synthetic_graph: Path, extracted, tmp_path: Path) -> None:
    out = tmp_path / "adoptions.csv"
    result = ukg("diffusion", "--csv", str(out))
    assert result.returncode == 0, result.stderr
    frame = pd.read_csv(out)
    events, _ = extracted
    assert len(frame) == len(events)
    assert set(frame["date_basis"]) == {"stated", "article"}
