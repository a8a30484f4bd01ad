"""Reporting lag: precedence from intervals recovers a planted network reported one to four years
late, and a control corpus in which publication order is the only order yields no edge
(tests/support/synthetic_lag.py; analytics/intervals.py)."""

from __future__ import annotations

import pytest

from analytics.intervals import BEFORE, TIE, UNKNOWN_ORDER, Interval, interval_of
from analytics.precedence import precedence_network
from tests.support.synthetic import plan_world, report
from tests.support.synthetic_lag import (
    CONTROL_CITIES,
    LAG_MIN_PRECISION,
    LAG_MIN_RECALL,
    MAX_LAG,
    city_years_by_date,
    control_events,
    lagged_events,
)


def test_interval_order_needs_one_to_end_before_the_other_begins() -> None:
    stated_2016 = interval_of("2016", "stated", "2016")
    article_2018 = interval_of("", "unknown", "2018-12-10")
    after_2017_page = interval_of("2017-12-20", "coverage", "2019-12-20")
    assert stated_2016.order(article_2018) == UNKNOWN_ORDER  # 2018 article: could be any time before
    assert stated_2016.order(after_2017_page) == BEFORE
    assert stated_2016.order(interval_of("2016", "stated", "2016")) == TIE
    assert article_2018.order(interval_of("", "unknown", "2024-04-25")) == UNKNOWN_ORDER
    # a coverage bound means "just after that document": the same day does not precede it
    assert interval_of("", "unknown", "2017-12-20").order(after_2017_page) == BEFORE
    assert Interval(None, None).order(stated_2016) == UNKNOWN_ORDER


def test_reports_are_late_and_mixed() -> None:
    world = plan_world(8)
    events = lagged_events(world)
    truth = {(a.practice, a.organization.name): a.year for a in world.adoptions}
    lags = [int(e.evidence[0].article_date[:4]) - truth[(e.practice, e.organization)] for e in events]
    assert min(lags) >= 1 and max(lags) <= MAX_LAG and len(set(lags)) >= 3
    assert {e.date_basis for e in events} == {"stated", "article"}
    assert {e.earliest_basis for e in events} == {"stated", "coverage", "unknown"}
    for e in events:  # every interval contains the planted year
        iv = interval_of(e.earliest, e.earliest_basis, e.latest)
        year = truth[(e.practice, e.organization)]
        assert iv.hi is not None and Interval(iv.lo, iv.hi).year is not None and iv.year >= year  # type: ignore[operator]
        if iv.lo is not None:
            assert int(e.earliest[:4]) <= year


def test_late_reports_with_stated_years_lose_nothing() -> None:
    """Reporting lag alone does no harm when every report states its year: exact recovery."""
    for seed in range(5):
        world = plan_world(seed)
        network = precedence_network(lagged_events(world, stated_share=1.0), "city", shuffles=0)
        assert {(e.source, e.target) for e in network.shown} == set(world.edges), seed
        assert network.pairs["unknown"] == 0


@pytest.mark.xfail(
    strict=True,
    reason="open: with half the reports article-dated the established orders "
    "are mostly long-range ones; recall falls to 0 (see docs/diffusion.md, Intervals)",
)
def test_planted_network_is_recovered_from_stated_years_and_coverage() -> None:
    for seed in range(10):
        world = plan_world(seed)
        network = precedence_network(lagged_events(world), "city", shuffles=0)
        recovered = {(e.source, e.target) for e in network.shown}
        precision, recall = report(f"lagged reports, seed {seed}", set(world.edges), recovered)
        print(f"pairs: {network.pairs}")
        assert precision >= LAG_MIN_PRECISION and recall >= LAG_MIN_RECALL, seed


def test_control_adopting_together_reported_apart_gives_no_edge() -> None:
    events = control_events()
    first, second = CONTROL_CITIES
    years = city_years_by_date(events)
    # the trap is real: by dates, the first city leads on every practice
    assert all(times[first] < times[second] for times in years.values())
    network = precedence_network(events, "city", shuffles=0)
    # 杭州's stated years do precede 宁波 (true and established); nothing involves 温州
    assert all(second not in (e.source, e.target) for e in network.significant)
    between = [e for e in network.edges if {e.source, e.target} == {first, second}]
    assert not between  # no established order either way
    for times in network.intervals.values():
        assert times[first].order(times[second]) == UNKNOWN_ORDER
    assert network.pairs["unknown"] >= len(years)
