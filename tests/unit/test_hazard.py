"""The hazard model (analytics/hazard.py, analytics/risk_set.py) on a world with a planted
neighbour effect, a null world, and the cases it must refuse."""

from __future__ import annotations

from dataclasses import replace

import pytest

from analytics.hazard import fit_risk_set, hazard_model
from analytics.hazard_inputs import pilots_from_rows
from analytics.risk_set import RegionYear, RiskSet, build_risk_set
from tests.support.synthetic_hazard import PILOT_EFFECT, PLANTED, hazard_world


def _fit(world, **kwargs):
    return hazard_model(world.events, "city", world.adjacency, world.pilots, coverage=world.coverage, **kwargs)


@pytest.fixture(scope="module")
def planted():
    return hazard_world(seed=0, size=8)


def test_planted_neighbour_effect_is_recovered(planted) -> None:
    fit = _fit(planted)
    assert fit.refused is None
    share = fit.coefficient("neighbour_share")
    assert share.coef > 0 and share.ci_low > 0  # right sign, and clearly so
    assert share.ci_low <= PLANTED <= share.ci_high
    pilot = fit.coefficient("pilot")
    assert pilot.ci_low <= PILOT_EFFECT <= pilot.ci_high
    assert fit.events > 100 and fit.region_years > 10 * fit.events
    assert share.odds_ratio == pytest.approx(2.718281828**share.coef)


def test_risk_set_stops_at_the_event_and_at_the_last_coverage(planted) -> None:
    risk = build_risk_set(planted.events, "city", planted.adjacency, planted.pilots, coverage=planted.coverage)
    by_unit: dict[tuple[str, str], list] = {}
    for row in risk.rows:
        by_unit.setdefault((row.practice, row.region), []).append(row)
    for (practice, region), rows in by_unit.items():
        years = [r.year for r in rows]
        assert years == list(range(years[0], years[-1] + 1))  # contiguous, no year twice
        true_year = planted.adoptions.get((practice, region))
        if any(r.event for r in rows):
            assert rows[-1].event and sum(r.event for r in rows) == 1
            assert rows[-1].year == true_year  # every report states its year here
        else:
            assert true_year is None or true_year > years[-1]  # never at risk after adopting


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_planted_effect_is_covered_over_seeds(seed: int) -> None:
    """Measured on seeds 0-9 of this 8 × 8 world: 10 of 10 intervals cover 2.0 (mean 1.96)."""
    share = _fit(hazard_world(seed=seed, size=8)).coefficient("neighbour_share")
    assert share.ci_low > 0
    assert share.ci_low <= PLANTED <= share.ci_high


def test_null_world_gives_intervals_covering_zero() -> None:
    """No neighbour effect: practice effects bias β̂ towards zero (docs), so 0 is covered in most seeds
    (measured: 11 of 12 seeds on this 6 × 6 world)."""
    covered = 0
    for seed in range(4):
        share = _fit(hazard_world(seed=seed, size=6, neighbour_effect=0.0)).coefficient("neighbour_share")
        covered += share.ci_low <= 0 <= share.ci_high
        assert share.ci_low < 0.5  # never a clearly positive effect from nothing
    assert covered >= 3


def test_half_the_years_unknown_still_gives_the_right_sign() -> None:
    world = hazard_world(seed=0, size=8, stated_share=0.5)
    fit = _fit(world)
    assert fit.refused is None and fit.interval_censored > 0
    assert fit.coefficient("neighbour_share").ci_low > 0


def test_refuses_without_adjacency(planted) -> None:
    fit = hazard_model(planted.events, "city", {}, planted.pilots, coverage=planted.coverage)
    assert fit.refused and "adjacency" in fit.refused and fit.coefficients == ()


def test_refuses_too_few_events(planted) -> None:
    fit = _fit(planted, practice="practice-00", min_events=500)
    assert fit.refused and fit.refused.startswith("too few adoptions")


def test_refuses_when_neighbour_share_never_varies(planted) -> None:
    lonely = {region: frozenset({"elsewhere"}) for region in planted.adjacency}
    fit = hazard_model(planted.events, "city", lonely, planted.pilots, coverage=planted.coverage)
    assert fit.refused and "never varies" in fit.refused


def test_refuses_when_most_years_are_unknown(planted) -> None:
    undated = [
        replace(
            e,
            earliest="",
            earliest_basis="unknown",
            date_basis="article",
            date=e.evidence[-1].article_date,
            latest=e.evidence[-1].article_date,
            latest_basis="article",
        )
        for e in planted.events
    ]
    fit = _fit(replace(planted, events=undated))
    assert fit.refused and "known year" in fit.refused


def test_refuses_perfect_separation() -> None:
    """Every region-year with an adopted neighbour is an adoption, no other is: separation."""
    rows = tuple(
        RegionYear("p", f"R{i}", 2010 + k, share > 0, share, False, False)
        for i in range(20)
        for k, share in enumerate((0.0, 0.0, 0.5 if i % 2 else 0.0))
    )
    fit = fit_risk_set(RiskSet("city", "stated", rows), practice="p", min_events=5)
    assert fit.refused and ("separation" in fit.refused or "converge" in fit.refused)
    assert fit.coefficients == ()


def test_bad_censoring_is_a_value_error(planted) -> None:
    with pytest.raises(ValueError, match="censoring"):
        _fit(planted, censoring="middle")


def test_pilot_regions_from_rows() -> None:
    rows = [
        {"program": "mass-org-reform-pilot", "unit": "湖州市南浔区善琏湖笔小镇", "year": 2018},
        {"program": "mass-org-reform-pilot", "unit": "湖州市吴兴区美妆小镇", "year": None},
        {"program": "characteristic-town-creation", "unit": "嘉兴市秀洲区光伏小镇", "year": 2015},
        {"program": "mass-org-reform-pilot", "unit": "上海市总工会", "year": 2015},
    ]
    assert pilots_from_rows(rows, "city") == {"湖州市": None}
    assert pilots_from_rows(rows, "county") == {"湖州市南浔区": 2018, "湖州市吴兴区": None}
