"""Synthetic adoptions reported late: the publication-order trap, and a control that falls into it.

`tests/support/synthetic.py` reports every adoption in the year it happens, so article dates
there are adoption dates — the one situation in which publication order is diffusion order.
Here the same planted world (`plan_world`) is *reported* the way the real corpus reports:

* each city is covered by the yearly documents only in some years (gaps of one to four years);
* a document dated `R-01-10` reports every adoption of a covered city made since its last
  coverage and before R — so adoptions are reported one to four years after they happen;
* about half the reports state the year (date_basis stated), the rest give only the
  document's date (date_basis article).

A document covers the organisations whose adoptions it reports, exactly what
analytics.intervals derives from the events' evidence. The events are built as records (the
text → date extraction itself is validated on the corpus of synthetic.py), so this runs in
milliseconds.

`control_events()` is the trap on its own: two cities adopt every practice in the same year,
one is reported a year later, the other three years later and never covered in between. Year
dates would make the first lead the second on every practice; intervals must give no edge.
"""

from __future__ import annotations

import random
from collections import defaultdict

from analytics.adoptions import ARTICLE, STATED, AdoptionEvent, EvidenceRef
from analytics.intervals import with_intervals
from ontology import get_ontology
from tests.support.synthetic import FIRST_YEAR, LAST_YEAR, PRACTICE_TEXT, SyntheticWorld, plan_world

MAX_LAG = 4
STATED_SHARE = 0.5
LAG_MIN_PRECISION, LAG_MIN_RECALL = 0.9, 0.7
# As many practices as the real corpus has adopters of in Zhejiang's cities (57, 55 of them
# adopted by two cities or more): with the 20 of synthetic.py too few orders are established
# per edge for any test to find it once half the dates are article dates (docs/diffusion.md).
LAG_PRACTICES = 57


def practice_ids() -> list[str]:
    """synthetic.py's 20 practices first (same worlds for the same seed), then the ontology's others."""
    others = sorted(p.id for p in get_ontology().practices if p.id not in PRACTICE_TEXT)
    return [*PRACTICE_TEXT, *others]


def plan_lagged_world(seed: int, practices: int = LAG_PRACTICES) -> SyntheticWorld:
    """synthetic.plan_world's planted network and process, over `practices` practices."""
    return plan_world(seed, practices=practices, practice_ids=practice_ids())


def coverage_years(cities: list[str], rng: random.Random) -> dict[str, list[int]]:
    """city → the years its organisations are reported on: random, never more than MAX_LAG apart."""
    out: dict[str, list[int]] = {}
    for city in cities:
        years, last = [], FIRST_YEAR
        for year in range(FIRST_YEAR + 1, LAST_YEAR + MAX_LAG + 1):
            if year - last >= MAX_LAG or rng.random() < 0.45:
                years.append(year)
                last = year
        out[city] = years
    return out


def report_event(
    practice: str, org: str, county: str, city: str, year: int, report: int, stated: bool
) -> AdoptionEvent:
    """The event a document dated `report`-01-10 gives of an adoption made in `year`."""
    doc_date = f"{report}-01-10"
    date, basis = (str(year), STATED) if stated else (doc_date, ARTICLE)
    act = PRACTICE_TEXT.get(practice, (practice, ""))[0]
    ref = EvidenceRef(
        f"synthetic-{report}-report",
        f"synthetic-{report}-report#{org}",
        0,
        10,
        f"{org}{act}。",
        doc_date,
        date,
        basis,
        f"{year}年" if stated else "",
    )
    return AdoptionEvent(
        practice,
        org,
        "UnionOrganization",
        county,
        city,
        int(date[:4]),
        date,
        basis,
        f"{year}年" if stated else "",
        (ref,),
    )


def lagged_events(
    world: SyntheticWorld, seed: int | None = None, stated_share: float = STATED_SHARE
) -> list[AdoptionEvent]:
    """The world's adoptions as the late, partial reports would give them (with intervals);
    `stated_share` of the reports state the year, the rest give only the document's date."""
    rng = random.Random(world.seed if seed is None else seed)
    cities = sorted({a.organization.city for a in world.adoptions})
    covered = coverage_years(cities, rng)
    first: dict[tuple[str, str], tuple[int, object]] = {}
    for a in sorted(world.adoptions, key=lambda a: a.year):
        first.setdefault((a.practice, a.organization.name), (a.year, a.organization))
    events = []
    for (practice, name), (year, org) in sorted(first.items()):
        report = next(r for r in covered[org.city] if r > year)  # type: ignore[attr-defined]
        events.append(
            report_event(
                practice,
                name,
                org.county,
                org.city,
                year,
                report,  # type: ignore[attr-defined]
                rng.random() < stated_share,
            )
        )
    return with_intervals(events)


CONTROL_CITIES = ("宁波市", "温州市")


def control_events(practices: int = 12, seed: int = 3) -> list[AdoptionEvent]:
    """宁波 and 温州 adopt each practice in the same year (2016–2018); 宁波 is reported the next
    year, 温州 all at once in 2021 (never covered before), both by article date only. 杭州 adopts
    two years earlier with a stated year, so the corpus does carry some established orders."""
    rng = random.Random(seed)
    events = []
    for practice in list(PRACTICE_TEXT)[:practices]:
        year = rng.randint(2016, 2018)
        events.append(report_event(practice, "宁波市鄞州区总工会", "宁波市鄞州区", "宁波市", year, year + 1, False))
        events.append(report_event(practice, "温州市鹿城区总工会", "温州市鹿城区", "温州市", year, 2021, False))
        events.append(report_event(practice, "杭州市余杭区总工会", "杭州市余杭区", "杭州市", year - 2, year + 1, True))
    return with_intervals(events)


def city_years_by_date(events: list[AdoptionEvent]) -> dict[str, dict[str, int]]:
    """practice → city → year of the event's date: what the year-based method would compare."""
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for e in events:
        if e.year is not None:
            out[e.practice][e.city] = min(e.year, out[e.practice].get(e.city, 9999))
    return dict(out)
