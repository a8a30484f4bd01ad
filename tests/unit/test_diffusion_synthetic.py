"""Validation on a synthetic corpus with planted diffusion (tests/support/synthetic.py), without Neo4j.

The corpus is written in the corpus's own style (newspaper pages, a retrospective magazine
issue, a manifest) and run through the real pipeline (`run_extraction`); the inferred first
adopters, years and precedence network are compared with what was planted. Each test prints
the planted and the recovered network. The same world through `ukg build` and the API is
tests/integration/test_diffusion_synthetic.py.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from analytics.adoptions import events_from_records
from analytics.intervals import BEFORE
from analytics.precedence import PrecedenceNetwork, precedence_network
from analytics.timeline import practice_timeline
from graph_loader.pipeline import run_extraction
from tests.support.synthetic import (
    SEED,
    SyntheticWorld,
    plan_world,
    planted_years,
    report,
    write_corpus,
)
from tests.support.synthetic_lag import LAG_MIN_PRECISION


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


def established_orders_are_true(network: PrecedenceNetwork, world: SyntheticWorld) -> int:
    """Every order the intervals establish between two cities is the planted order; returns how many."""
    truth = world.city_years
    count = 0
    for practice, times in network.intervals.items():
        for a, b in itertools.permutations(times, 2):
            if times[a].order(times[b]) == BEFORE:
                assert truth[practice][a] < truth[practice][b], (world.seed, practice, a, b)
                count += 1
    return count


def test_precedence_network_establishes_only_true_orders(world: SyntheticWorld, extracted) -> None:
    """Changed expectation (issue 15): with year dates this corpus gave the planted network; with
    intervals its 20 practices leave too few established orders per edge for any to be
    significant (the power limit tests/unit/test_diffusion_lag.py states and docs/diffusion.md
    measures). What must hold: what the texts establish is true, and nothing unplanted is shown."""
    events, _ = extracted
    network = precedence_network(events, "city")
    assert established_orders_are_true(network, world) >= 100
    recovered = {(e.source, e.target) for e in network.shown}
    report(f"pipeline, seed {SEED}", set(world.edges), recovered)
    assert recovered <= set(world.edges)
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
    """Not one lucky world: ten planted worlds through the whole pipeline (first adopters exact,
    established orders true, the few edges shown planted: see the test above for recall)."""
    shown = hits = 0
    for seed in range(10):
        world = plan_world(seed)
        folder = tmp_path / f"seed{seed}"
        write_corpus(world, folder)
        result = run_extraction(folder)
        events = events_from_records(result.entities, result.relations)
        network = precedence_network(events, "city", shuffles=0)
        established_orders_are_true(network, world)
        shown += len(network.shown)
        hits += len({(e.source, e.target) for e in network.shown} & set(world.edges))
        for practice, (organization, year) in world.first_adopters.items():
            timeline = practice_timeline(events, practice)
            assert (timeline.first_year, [e.organization for e in timeline.first_adopters]) == \
                (year, [organization]), (seed, practice)
    assert hits >= LAG_MIN_PRECISION * shown
