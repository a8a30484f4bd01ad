"""Innovativeness per region: how early, on average, it adopts the practices it adopts.

For every practice adopted (with a year) by at least two regions of the level, a region's
earliness is the share of the other adopting regions that adopted in a later year, ties
counting half: 1 = first alone, 0 = last alone, 0.5 = in the middle (the rank form of the
SPID / Boehmke-Skinner innovativeness score, which needs no common time axis across
practices). A region's `score` is the mean earliness over its practices; `mean_lag` is the
mean number of years after the practice's first adopting region (Walker's classic measure,
in years). Practices adopted by one region only say nothing about earliness and are counted
apart (`sole`). With few documents and year-level dates, read scores with their `practices`
count: a score over two practices is an anecdote.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from analytics.adoptions import AdoptionEvent
from analytics.precedence import adoption_times


@dataclass(frozen=True)
class RegionScore:
    region: str
    level: str
    score: float | None  # mean earliness in [0, 1]; None without a shared practice
    mean_lag: float | None
    practices: int  # practices shared with at least one other region
    firsts: int  # practices where it was (jointly) first
    sole: int  # practices no other region adopted
    detail: tuple[dict[str, Any], ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def innovativeness(events: Iterable[AdoptionEvent], level: str = "city") -> list[RegionScore]:
    """Scores of every region with a dated adoption, most innovative first."""
    adoptions = adoption_times(events, level)
    earliness: dict[str, list[float]] = defaultdict(list)
    lags: dict[str, list[int]] = defaultdict(list)
    firsts: dict[str, int] = defaultdict(int)
    sole: dict[str, int] = defaultdict(int)
    detail: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for practice, times in sorted(adoptions.items()):
        if len(times) == 1:
            sole[next(iter(times))] += 1
            continue
        first = min(times.values())
        others = len(times) - 1
        for region, year in times.items():
            later = sum(1 for r, y in times.items() if r != region and y > year)
            ties = sum(1 for r, y in times.items() if r != region and y == year)
            value = (later + 0.5 * ties) / others
            earliness[region].append(value)
            lags[region].append(year - first)
            firsts[region] += year == first
            detail[region].append({"practice": practice, "year": year, "first_year": first,
                                   "adopters": len(times), "earliness": round(value, 4)})
    regions = set(earliness) | set(sole)
    scores = []
    for region in regions:
        values = earliness.get(region, [])
        scores.append(RegionScore(
            region=region, level=level,
            score=round(sum(values) / len(values), 4) if values else None,
            mean_lag=round(sum(lags[region]) / len(lags[region]), 3) if values else None,
            practices=len(values), firsts=firsts.get(region, 0), sole=sole.get(region, 0),
            detail=tuple(detail.get(region, [])),
        ))
    return sorted(scores, key=lambda s: (s.score is None, -(s.score or 0), -s.practices, s.region))
