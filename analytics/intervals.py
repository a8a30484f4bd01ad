"""Adoption times as intervals [earliest, latest], and the orders between them the texts establish.

Most adoption dates are article dates: the article says the practice exists, so it was adopted
*no later than* that date, and says nothing about when it started. Treating that date as the
adoption time turns publication order into diffusion (a region first covered by a 2018 magazine
"precedes" one first covered by a 2024 page). So every adoption is an interval:

* a stated date (`date_basis` stated or relative: 2016年, 2017年11月, 去年) fixes both ends — the
  whole year or month it names (`earliest_basis = latest_basis = "stated"`);
* an article date gives only `latest` (`latest_basis = "article"`);
* `earliest` of an article-dated adoption comes from **coverage**: an earlier document that
  reports the same organisation *without* that practice means the practice came after it —
  `earliest` = that document's date, read as "just after it" (`earliest_basis = "coverage"`;
  the latest such document counts). Without one, `earliest` is unknown: an organisation absent
  from earlier documents was not observed, not "not yet adopting".

For precedence a region's interval is built from its organisations' intervals only
(`region_intervals(..., region_coverage=False)`): a document that reports *another* organisation
of the region is no bound — reports lag, and the region's other unions may already have adopted
and be reported years later.

The coverage table (which organisations and regions each dated document reports) is derived
from the evidence the events carry: a document covers the organisations whose adoptions it
reports. That is deliberately conservative — a document that only mentions an organisation in
passing gives no bound — and it rests on one assumption, written down in docs/diffusion.md: a
document that reports on an organisation reports the practices it had by then.

Two intervals are **ordered** only when one ends before the other begins (A.latest < B.earliest:
established); both fixed and equal is a **tie**; anything else is **unknown** and counts for
neither side. This module knows nothing of the event type beyond the attributes it reads
(`Dated`), so it sits below analytics.adoptions, which applies it to every event it builds.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Protocol, TypeVar

STATED, ARTICLE, COVERAGE, UNKNOWN = "stated", "article", "coverage", "unknown"
BEFORE, AFTER, TIE, UNKNOWN_ORDER = "before", "after", "tie", "unknown"
_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")


class _Ref(Protocol):
    doc_id: str
    article_date: str


class Dated(Protocol):
    """What interval dating reads from an adoption event (analytics.adoptions.AdoptionEvent)."""

    practice: str
    organization: str
    date: str
    date_basis: str
    earliest: str
    latest: str
    earliest_basis: str
    latest_basis: str

    @property
    def evidence(self) -> Sequence[_Ref]: ...

    def region(self, level: str) -> str: ...


E = TypeVar("E", bound=Dated)


def date_range(value: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day a date of any precision can mean: 2016 → 2016-01-01..2016-12-31."""
    match = _DATE.match(value or "")
    if not match:
        return None
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    if month is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    last = calendar.monthrange(year, month)[1]
    if day is None:
        return dt.date(year, month, 1), dt.date(year, month, last)
    return dt.date(year, month, day), dt.date(year, month, day)


@dataclass(frozen=True)
class Interval:
    """When an adoption happened, as far as the texts say: lo..hi as ordinal days (None: unknown)."""

    lo: int | None
    hi: int | None
    fixed: bool = False  # both ends from a stated date

    def order(self, other: Interval) -> str:
        """before / after (established), tie (both fixed and equal) or unknown."""
        if self.hi is not None and other.lo is not None and self.hi < other.lo:
            return BEFORE
        if other.hi is not None and self.lo is not None and other.hi < self.lo:
            return AFTER
        if self.fixed and other.fixed and (self.lo, self.hi) == (other.lo, other.hi):
            return TIE
        return UNKNOWN_ORDER

    @property
    def year(self) -> int | None:
        """The latest possible year (the upper bound the old year-based statistics used)."""
        return dt.date.fromordinal(self.hi).year if self.hi is not None else None


def interval_of(earliest: str, earliest_basis: str, latest: str) -> Interval:
    """An event's interval from its fields; a coverage `earliest` means the day after that document."""
    late = date_range(latest)
    early = date_range(earliest)
    hi = late[1].toordinal() if late else None
    if early is None:
        lo = None
    elif earliest_basis == COVERAGE:
        lo = early[0].toordinal() + 1
    else:
        lo = early[0].toordinal()
    return Interval(lo, hi, fixed=earliest_basis == STATED and lo is not None and hi is not None)


@dataclass(frozen=True)
class CoveredDocument:
    """One dated document and what it reports on: organisations, and their counties and cities."""

    doc_id: str
    date: str
    organizations: frozenset[str]
    regions: frozenset[str]


def coverage_from_events(events: Iterable[Dated], levels: Sequence[str] = ("city", "county")) -> list[CoveredDocument]:
    """The coverage table derived from the events' evidence: a document covers whom it reports on.

    A document's date is the earliest article date in it (the weakest, hence safe, bound)."""
    dates: dict[str, str] = {}
    orgs: dict[str, set[str]] = defaultdict(set)
    regions: dict[str, set[str]] = defaultdict(set)
    for event in events:
        for ref in event.evidence:
            if not ref.doc_id or date_range(ref.article_date) is None:
                continue
            known = dates.get(ref.doc_id)
            if known is None or date_range(ref.article_date)[0] < date_range(known)[0]:  # type: ignore[index]
                dates[ref.doc_id] = ref.article_date
            orgs[ref.doc_id].add(event.organization)
            regions[ref.doc_id].update(r for r in (event.region(level) for level in levels) if r)
    return sorted(
        (CoveredDocument(doc, dates[doc], frozenset(orgs[doc]), frozenset(regions[doc])) for doc in dates),
        key=lambda d: (d.date, d.doc_id),
    )


def _coverage_bound(covering: Iterable[CoveredDocument], reporting: set[str], hi: int | None) -> str:
    """The date of the latest covering document, before `hi`, that does not report the practice."""
    best: tuple[int, str] | None = None
    for doc in covering:
        if doc.doc_id in reporting:
            continue
        day = date_range(doc.date)[0].toordinal() + 1  # type: ignore[index]
        if hi is not None and day > hi:
            continue
        if best is None or day > best[0]:
            best = (day, doc.date)
    return best[1] if best else ""


def with_intervals(events: Sequence[E], coverage: Sequence[CoveredDocument] | None = None) -> list[E]:
    """New events with `earliest`/`latest` and their bases set (organisation-level coverage)."""
    table = coverage_from_events(events) if coverage is None else coverage
    by_org: dict[str, list[CoveredDocument]] = defaultdict(list)
    for doc in table:
        for org in doc.organizations:
            by_org[org].append(doc)
    reporting: dict[tuple[str, str], set[str]] = defaultdict(set)
    for event in events:
        reporting[(event.practice, event.organization)].update(ref.doc_id for ref in event.evidence)
    out = []
    for event in events:
        if event.date_basis == STATED:
            out.append(
                replace(event, earliest=event.date, latest=event.date, earliest_basis=STATED, latest_basis=STATED)
            )  # type: ignore[type-var]
        elif event.date_basis == ARTICLE and event.date:
            hi = interval_of("", "", event.date).hi
            bound = _coverage_bound(by_org[event.organization], reporting[(event.practice, event.organization)], hi)
            out.append(
                replace(
                    event,
                    earliest=bound,
                    latest=event.date,  # type: ignore[type-var]
                    earliest_basis=COVERAGE if bound else UNKNOWN,
                    latest_basis=ARTICLE,
                )
            )
        else:
            out.append(
                replace(
                    event,
                    earliest="",
                    latest="",
                    earliest_basis=UNKNOWN,  # type: ignore[type-var]
                    latest_basis=UNKNOWN,
                )
            )
    return out


def region_intervals(
    events: Sequence[Dated],
    level: str = "city",
    coverage: Sequence[CoveredDocument] | None = None,
    region_coverage: bool = True,
) -> dict[str, dict[str, Interval]]:
    """practice → region → when the region adopted it, as an interval.

    `latest` is the earliest `latest` of the region's adoptions; `earliest` the earliest lower
    bound among them (unknown when one of them has none). With `region_coverage` (the default,
    which the map and the risk set read) an article-dated adoption's lower bound is the day after
    the latest document that covers the *region* without reporting the practice there (`coverage`,
    else the table derived from the events). With `region_coverage=False` (what the precedence
    network uses) it is the adoption's own `earliest`: a stated date's start, or the day after the
    latest document that reports *that organisation* without the practice. A magazine reporting
    one Ningbo union says nothing of the others, and under reporting lag they may have adopted
    already and be reported later: on the real corpus region-level coverage turned publication
    order into established order (温州市 before 宁波市)."""
    by_region: dict[str, list[CoveredDocument]] = defaultdict(list)
    if region_coverage:
        for doc in coverage_from_events(events) if coverage is None else coverage:
            for region in doc.regions:
                by_region[region].append(doc)
    placed: dict[tuple[str, str], list[Dated]] = defaultdict(list)
    for event in events:
        region = event.region(level)
        if region and event.latest:
            placed[(event.practice, region)].append(event)
    out: dict[str, dict[str, Interval]] = defaultdict(dict)
    for (practice, region), found in sorted(placed.items()):
        reporting = {ref.doc_id for e in found for ref in e.evidence}
        own = [interval_of(e.earliest, e.earliest_basis, e.latest) for e in found]
        hi = min(iv.hi for iv in own if iv.hi is not None)
        los: list[int | None] = []
        for e, iv in zip(found, own, strict=True):
            if region_coverage and e.earliest_basis != STATED:
                bound = _coverage_bound(by_region[region], reporting, iv.hi)
                los.append(interval_of(bound, COVERAGE, "").lo if bound else None)
            else:
                los.append(iv.lo)
        lo = None if any(v is None for v in los) else min(v for v in los if v is not None)
        all_stated = all(e.earliest_basis == STATED for e in found)
        fixed = all_stated and lo is not None and any(iv.hi == hi for iv in own)
        out[practice][region] = Interval(lo, hi, fixed=fixed)
    return dict(out)


def pair_counts(intervals: Mapping[str, Mapping[str, Interval]]) -> dict[str, int]:
    """Over every practice and unordered pair of its adopting regions: established, unknown, tied."""
    counts = {"established": 0, "unknown": 0, "tied": 0}
    for times in intervals.values():
        regions = sorted(times)
        for i, a in enumerate(regions):
            for b in regions[i + 1 :]:
                order = times[a].order(times[b])
                counts["established" if order in (BEFORE, AFTER) else "tied" if order == TIE else "unknown"] += 1
    return counts
