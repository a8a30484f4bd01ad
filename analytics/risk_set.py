"""The region-year risk set of a discrete-time hazard model of practice adoption.

Event-history analysis (Berry & Berry 1990) asks, for every region and year in which a region
*could* have adopted a practice, whether it did. A region-year belongs to the risk set only when
the texts say what the region's state was — which, with adoption times known as intervals
(analytics.intervals), is less often than one would like. The rules, per practice p and region r
at one level (city or county):

* **Observed.** r is observed from the first year a dated document reports on it — the year of
  the earliest document covering r, or an earlier year a document *states* for one of r's
  adoptions (a 2018 magazine saying "in 2015 r did X" observes r in 2015). Years before that are
  not in the risk set: absence from earlier documents is not observation.
* **Entry.** p can be adopted from the first year any region is attested to have it (the earliest
  upper bound among p's adopters); earlier years carry no possible event.
* **Exact event.** r's adoption interval (analytics.intervals.region_intervals) starts and ends
  in the same year Y (a stated year, or a covering document earlier in that year): r is at risk
  from entry to Y, with the event in Y.
* **Interval-censored event** (the year is not known: an article date without a same-year lower
  bound). Default `censoring="stated"`: r is at risk, without an event, only up to the last year
  before its lower bound (none when there is no lower bound), and leaves the risk set there —
  the event is not counted. `censoring="upper"` is the sensitivity variant that dates the event
  to the year of its upper bound (the publication-order reading the intervals were made to avoid;
  use it only to see how much the choice matters).
* **No adoption.** r stays at risk up to the last full year before the latest document that
  covers it (that document reports r without p: the coverage assumption of docs/diffusion.md).
  A document dated 2018-12-10 thus says nothing about the rest of 2018.

Covariates of region-year (r, t): the share of r's adjacent regions (adjacency is an input) whose
adoption of p is *established* before t (its upper bound falls before 1 January of t — a lower
bound on the true share, since neighbours with unknown timing count as not yet adopted);
whether r takes part in a reform pilot programme by t (a participation with no stated year
counts throughout); whether r is an urban district (市辖区, county level only); and the year.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from analytics.adoptions import AdoptionEvent, year_of
from analytics.intervals import (
    COVERAGE,
    STATED,
    CoveredDocument,
    Interval,
    coverage_from_events,
    interval_of,
    region_intervals,
)
from graph_loader.reference.gazetteer import gazetteer

Censoring = Literal["stated", "upper"]
CENSORING: tuple[str, ...] = ("stated", "upper")


@dataclass(frozen=True)
class RegionYear:
    """One region-year at risk: did r adopt p in `year`, and its covariates then."""

    practice: str
    region: str
    year: int
    event: bool
    neighbour_share: float
    pilot: bool
    district: bool


@dataclass(frozen=True)
class RiskSet:
    """The risk set and what was left out of it, so a fit can say what it rests on."""

    level: str
    censoring: str
    rows: tuple[RegionYear, ...]
    adoptions: int = 0  # region-level adoptions (practice, region) of the practices considered
    exact: int = 0  # of which with a known year
    interval_censored: int = 0  # of which known only as an interval across years
    no_lower_bound: int = 0  # of the interval-censored: no lower bound, so no region-year at all
    before_observation: int = 0  # adopted before the region was first observed (left out)
    without_neighbours: tuple[str, ...] = field(default_factory=tuple)  # regions with no adjacency entry

    @property
    def events(self) -> int:
        return sum(r.event for r in self.rows)


def _year(ordinal: int | None) -> int | None:
    return dt.date.fromordinal(ordinal).year if ordinal is not None else None


def _first_observed(events: Iterable[AdoptionEvent], coverage: Sequence[CoveredDocument], level: str) -> dict[str, int]:
    """region → first year a document reports on it (its own date or a year it states)."""
    first: dict[str, int] = {}
    for doc in coverage:
        year = year_of(doc.date)
        for region in doc.regions:
            if year is not None:
                first[region] = min(year, first.get(region, year))
    for event in events:
        region = event.region(level)
        year = year_of(event.earliest) if event.earliest_basis == STATED else None
        if region and year is not None:
            first[region] = min(year, first.get(region, year))
    return first


def _last_absent_year(coverage: Sequence[CoveredDocument]) -> dict[str, int]:
    """region → last full year before its latest covering document (known state up to then)."""
    last: dict[str, int] = {}
    for doc in coverage:
        lo = _year(interval_of(doc.date, COVERAGE, "").lo)
        for region in doc.regions:
            if lo is not None:
                last[region] = max(lo - 1, last.get(region, lo - 1))
    return last


def pilot_at(pilots: Mapping[str, int | None], region: str, year: int) -> bool:
    """Whether the region takes part in a pilot programme in `year` (no stated year: always)."""
    if region not in pilots:
        return False
    since = pilots[region]
    return since is None or since <= year


def is_district(region: str) -> bool:
    """A 市辖区 (urban district) rather than a county or county-level city."""
    place = gazetteer().places.get(region)
    return bool(place and place.level == "county" and (place.bare or place.name).endswith("区"))


def _span(times: Mapping[str, Interval], region: str, start: int, censoring: str) -> tuple[int, int | None, str]:
    """(last year at risk, event year or None, kind) of a region that adopted the practice."""
    interval = times[region]
    lo, hi = _year(interval.lo), _year(interval.hi)
    assert hi is not None  # region_intervals only places adoptions with an upper bound
    if lo == hi:
        return hi, hi, "exact"
    if censoring == "upper":
        return hi, hi, "interval"
    return (lo - 1 if lo is not None else start - 1), None, "interval"


def build_risk_set(
    events: Sequence[AdoptionEvent],
    level: str,
    adjacency: Mapping[str, frozenset[str]],
    pilots: Mapping[str, int | None] | None = None,
    practice: str | None = None,
    censoring: Censoring = "stated",
    coverage: Sequence[CoveredDocument] | None = None,
) -> RiskSet:
    """The region-years at risk of adopting each practice (or `practice` only), with covariates.

    `events` must be *all* events (coverage is derived from every practice's reports; pass
    `coverage` to give the table explicitly); `adjacency` maps a region to its neighbours."""
    if censoring not in CENSORING:
        raise ValueError(f"censoring must be one of {', '.join(CENSORING)}, not {censoring!r}")
    pilots = pilots or {}
    table = coverage_from_events(events, (level,)) if coverage is None else coverage
    intervals = region_intervals(events, level, table)
    first = _first_observed(events, table, level)
    last_absent = _last_absent_year(table)
    regions = sorted(first)
    rows: list[RegionYear] = []
    counts: dict[str, int] = defaultdict(int)
    for prac in sorted(intervals):
        if practice is not None and prac != practice:
            continue
        times = intervals[prac]
        entry = min(_year(iv.hi) for iv in times.values())  # type: ignore[type-var]
        adopted_by = {r: _year(iv.hi) for r, iv in times.items()}
        for region in regions:
            start = max(entry, first[region])  # type: ignore[type-var]
            if region in times:
                last, event_year, kind = _span(times, region, start, censoring)
                counts["adoptions"] += 1
                counts[kind] += 1
                if kind == "interval" and times[region].lo is None:
                    counts["no_lower_bound"] += 1
                if event_year is not None and event_year < start:
                    counts["before_observation"] += 1
                    continue
            else:
                last, event_year = last_absent.get(region, start - 1), None
            neighbours = adjacency.get(region, frozenset())
            for year in range(start, last + 1):
                share = (
                    sum(1 for n in neighbours if (adopted_by.get(n) or 9999) < year) / len(neighbours)
                    if neighbours
                    else 0.0
                )
                rows.append(
                    RegionYear(
                        prac,
                        region,
                        year,
                        year == event_year,
                        share,
                        pilot_at(pilots, region, year),
                        is_district(region) if level == "county" else False,
                    )
                )
    return RiskSet(
        level=level,
        censoring=censoring,
        rows=tuple(rows),
        adoptions=counts["adoptions"],
        exact=counts["exact"],
        interval_censored=counts["interval"],
        no_lower_bound=counts["no_lower_bound"],
        before_observation=counts["before_observation"],
        without_neighbours=tuple(r for r in regions if not adjacency.get(r)),
    )
