"""A synthetic world with a planted neighbour effect on adoption, reported late and partially.

Regions sit on a rook grid (each borders up to four others). Every practice is launched in a
random year; from then on each region that has not adopted it does so in year t with
probability

    logit h = α_p + β·(share of its neighbours that adopted before t) + γ·pilot

(α_p = BASE + a small per-practice offset, β = `neighbour_effect`, γ = PILOT_EFFECT for the
pilot regions). That is exactly the model analytics.hazard fits, so a correct risk set must
recover β.

The adoptions are then *reported* the way the real corpus reports them (as in
tests/support/synthetic_lag.py): documents dated R-01-10 cover each region in some years only
(a baseline document covers every region at the start, gaps are at most MAX_GAP years, a final
document covers everyone); a document covering a region reports every practice it has adopted
before R (the coverage assumption of docs/diffusion.md); `stated_share` of the adoptions are
reported with their year, the rest with the document's date only. The coverage table is
returned with the events, since it is what the documents cover, whether or not they report
an adoption of that region.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from analytics.adoptions import AdoptionEvent, EvidenceRef, choose_date
from analytics.intervals import CoveredDocument, with_intervals

FIRST_YEAR, LAST_YEAR = 2005, 2016
BASE = -3.2
PILOT_EFFECT = 0.6
PLANTED = 2.0
MAX_GAP = 3


@dataclass(frozen=True)
class HazardWorld:
    events: list[AdoptionEvent]
    coverage: list[CoveredDocument]
    adjacency: dict[str, frozenset[str]]
    pilots: dict[str, int | None]
    adoptions: dict[tuple[str, str], int]  # (practice, region) → true year
    neighbour_effect: float


def grid(size: int) -> dict[str, frozenset[str]]:
    """Rook adjacency of a size × size grid of regions named R<row>-<col>."""

    def name(i: int, j: int) -> str:
        return f"R{i}-{j}"

    out = {}
    for i in range(size):
        for j in range(size):
            near = [(i + di, j + dj) for di, dj in ((1, 0), (-1, 0), (0, 1), (0, -1))]
            out[name(i, j)] = frozenset(name(a, b) for a, b in near if 0 <= a < size and 0 <= b < size)
    return out


def _simulate(
    adjacency: dict[str, frozenset[str]], pilots: set[str], practices: int, beta: float, rng: random.Random
) -> dict[tuple[str, str], int]:
    adopted: dict[tuple[str, str], int] = {}
    for k in range(practices):
        practice = f"practice-{k:02d}"
        alpha = BASE + rng.gauss(0, 0.3)
        launch = rng.randint(FIRST_YEAR, FIRST_YEAR + 4)
        for year in range(launch, LAST_YEAR + 1):
            before = {r for (p, r), y in adopted.items() if p == practice and y < year}
            for region in sorted(adjacency):
                if (practice, region) in adopted:
                    continue
                share = len(adjacency[region] & before) / len(adjacency[region])
                logit = alpha + beta * share + (PILOT_EFFECT if region in pilots else 0.0)
                if rng.random() < 1 / (1 + math.exp(-logit)):
                    adopted[(practice, region)] = year
    return adopted


def _coverage_years(regions: list[str], rng: random.Random, coverage_rate: float) -> dict[str, list[int]]:
    """region → years of the documents covering it: FIRST_YEAR and LAST_YEAR + 1 always, gaps ≤ MAX_GAP."""
    out = {}
    for region in regions:
        years, last = [FIRST_YEAR], FIRST_YEAR
        for year in range(FIRST_YEAR + 1, LAST_YEAR + 1):
            if year - last >= MAX_GAP or rng.random() < coverage_rate:
                years.append(year)
                last = year
        out[region] = [*years, LAST_YEAR + 1]
    return out


def hazard_world(
    seed: int = 0,
    size: int = 6,
    practices: int = 24,
    neighbour_effect: float = PLANTED,
    stated_share: float = 1.0,
    coverage_rate: float = 0.5,
) -> HazardWorld:
    """Simulate, report and date a world; events carry intervals as the pipeline would give them."""
    rng = random.Random(seed)
    adjacency = grid(size)
    regions = sorted(adjacency)
    pilots = set(rng.sample(regions, k=len(regions) // 3))
    adopted = _simulate(adjacency, pilots, practices, neighbour_effect, rng)
    covered = _coverage_years(regions, rng, coverage_rate)
    stated = {key: rng.random() < stated_share for key in sorted(adopted)}
    refs: dict[tuple[str, str], list[EvidenceRef]] = {}
    for (practice, region), year in sorted(adopted.items()):
        org = f"{region}总工会"
        for report in (r for r in covered[region] if r > year):
            doc, doc_date = f"synthetic-hazard-{report}", f"{report}-01-10"
            date, basis = (str(year), "stated") if stated[(practice, region)] else (doc_date, "article")
            refs.setdefault((practice, region), []).append(
                EvidenceRef(
                    doc,
                    f"{doc}#{org}",
                    0,
                    10,
                    f"{org}开展{practice}。",
                    doc_date,
                    date,
                    basis,
                    f"{year}年" if basis == "stated" else "",
                )
            )
    events = []
    for (practice, region), found in sorted(refs.items()):
        year, date, basis, phrase = choose_date(None, found)
        events.append(
            AdoptionEvent(
                practice, f"{region}总工会", "UnionOrganization", "", region, year, date, basis, phrase, tuple(found)
            )
        )
    docs = sorted({y for ys in covered.values() for y in ys})
    coverage = [
        CoveredDocument(
            f"synthetic-hazard-{y}",
            f"{y}-01-10",
            frozenset(f"{r}总工会" for r in regions if y in covered[r]),
            frozenset(r for r in regions if y in covered[r]),
        )
        for y in docs
    ]
    return HazardWorld(
        with_intervals(events, coverage), coverage, adjacency, {r: None for r in pilots}, adopted, neighbour_effect
    )
