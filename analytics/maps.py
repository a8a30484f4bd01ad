"""What the map views colour: per city and county, when a practice was first adopted there (as an
interval), by whom with which evidence; and how many practices each region adopted.

A region's date is its interval from analytics.intervals.region_intervals over *all* events (so
that coverage by any document bounds it): `latest` is the year the map shows ("no later than"),
`fixed` says whether a stated date fixes it (solid fill) or only an article date bounds it
(hatched). Events named with a former unit (杭州市下城区) are drawn on its successor
(analytics.geography.draw_region); the region keeps the names its adopters used.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any

from analytics.adoptions import AdoptionEvent
from analytics.geography import LEVELS, draw_region, regions
from analytics.intervals import interval_of, region_intervals

MAX_ADOPTERS = 12  # adopters listed per region in the hover (the region view has them all)


@dataclass(frozen=True)
class Adopter:
    organization: str
    region: str  # the county or city name the event used (may be a former unit)
    date: str
    basis: str
    earliest: str
    latest: str
    quote: str
    doc_id: str


@dataclass(frozen=True)
class RegionAdoption:
    """When a practice reached one drawn region, as far as the texts say."""

    region: str
    level: str
    year: int  # the year of `latest`: adopted no later than that year
    latest: str
    earliest: str  # "" when unknown
    fixed: bool  # a stated date fixes the interval (solid fill); else only an upper bound
    latest_basis: str  # what gives the upper bound: stated (a date a sentence states) or article
    names: tuple[str, ...]  # the region names the adopters used (a former unit among them)
    adopters: tuple[Adopter, ...]
    more: int = 0  # adopters beyond MAX_ADOPTERS

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class PracticeMap:
    practice: str
    levels: dict[str, dict[str, RegionAdoption]]
    unplaced: int  # dated events with no region (province-level bodies) or a region off the map

    @property
    def years(self) -> list[int]:
        found = [a.year for level in self.levels.values() for a in level.values()]
        return list(range(min(found), max(found) + 1)) if found else []

    def to_dict(self) -> dict[str, Any]:
        return {
            "practice": self.practice,
            "years": self.years,
            "unplaced": self.unplaced,
            "levels": {lv: {n: a.to_dict() for n, a in found.items()} for lv, found in self.levels.items()},
        }


def fold_former(events: Iterable[AdoptionEvent]) -> list[AdoptionEvent]:
    """New events whose county (and city) are current units: 杭州市下城区 → 杭州市拱墅区."""
    out = []
    for event in events:
        county = draw_region(event.county) if event.county else ""
        city = draw_region(event.city) if event.city else ""
        out.append(replace(event, county=county, city=city))
    return out


def _day(ordinal: int | None) -> str:
    return dt.date.fromordinal(ordinal).isoformat() if ordinal is not None else ""


def _adopter(event: AdoptionEvent, region: str) -> Adopter:
    ev = event.dating_evidence
    return Adopter(
        event.organization,
        region,
        event.date,
        event.date_basis,
        event.earliest,
        event.latest,
        " ".join(ev.quote.split()) if ev else "",
        ev.doc_id if ev else "",
    )


def practice_map(events: Sequence[AdoptionEvent], practice: str) -> PracticeMap:
    """Per level, the drawn regions that adopted `practice`: interval, names used, adopters."""
    folded = fold_former(events)
    levels: dict[str, dict[str, RegionAdoption]] = {}
    own = [(orig, new) for orig, new in zip(events, folded, strict=True) if orig.practice == practice]
    unplaced = sum(1 for orig, new in own if orig.latest and not new.city)
    for level in LEVELS:
        known = regions(level)
        times = region_intervals(folded, level).get(practice, {})
        found: dict[str, RegionAdoption] = {}
        for region, interval in sorted(times.items()):
            if region not in known or interval.hi is None:
                continue
            members = sorted(
                ((orig, new) for orig, new in own if new.region(level) == region and new.latest),
                key=lambda pair: (
                    interval_of("", "", pair[1].latest).hi or 0,
                    pair[1].latest_basis != "stated",
                    pair[1].organization,
                ),
            )
            adopters = tuple(_adopter(orig, orig.region(level)) for orig, _ in members)
            found[region] = RegionAdoption(
                region=region,
                level=level,
                year=dt.date.fromordinal(interval.hi).year,
                latest=_day(interval.hi),
                earliest=_day(interval.lo),
                fixed=interval.fixed,
                latest_basis=members[0][1].latest_basis if members else "",
                names=tuple(sorted({a.region for a in adopters})),
                adopters=adopters[:MAX_ADOPTERS],
                more=max(0, len(adopters) - MAX_ADOPTERS),
            )
        levels[level] = found
    return PracticeMap(practice, levels, unplaced)


@dataclass(frozen=True)
class RegionCount:
    region: str
    level: str
    practices: tuple[str, ...]
    names: tuple[str, ...]
    organizations: int

    @property
    def count(self) -> int:
        return len(self.practices)

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "count": self.count}


def practice_counts(events: Sequence[AdoptionEvent]) -> dict[str, dict[str, RegionCount]]:
    """Per level, drawn region → the distinct practices adopted there (by any organisation, dated or not)."""
    folded = fold_former(events)
    out: dict[str, dict[str, RegionCount]] = {}
    for level in LEVELS:
        known = regions(level)
        practices: dict[str, set[str]] = defaultdict(set)
        names: dict[str, set[str]] = defaultdict(set)
        orgs: dict[str, set[str]] = defaultdict(set)
        for orig, new in zip(events, folded, strict=True):
            region = new.region(level)
            if region in known:
                practices[region].add(new.practice)
                names[region].add(orig.region(level))
                orgs[region].add(new.organization)
        out[level] = {
            r: RegionCount(r, level, tuple(sorted(practices[r])), tuple(sorted(names[r])), len(orgs[r]))
            for r in sorted(practices)
        }
    return out
