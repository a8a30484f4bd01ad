"""One practice's diffusion: first adopters, adoptions per year and per city, cumulative curve.

The cumulative curve counts adopting organisations by year (the S-curve of the diffusion
literature); the inferred order is kept apart from the explicit SPREAD_TO claims.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from analytics.adoptions import AdoptionEvent, SpreadClaim, sort_events
from ontology.model import get_ontology


@dataclass
class PracticeTimeline:
    practice: str
    zh: str
    en: str
    events: list[AdoptionEvent] = field(default_factory=list)
    first_year: int | None = None
    first_adopters: list[AdoptionEvent] = field(default_factory=list)
    per_year: dict[int, int] = field(default_factory=dict)
    per_city: dict[str, int] = field(default_factory=dict)
    cumulative: list[tuple[int, int]] = field(default_factory=list)
    undated: int = 0
    spread_claims: list[SpreadClaim] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "practice": {"id": self.practice, "zh": self.zh, "en": self.en},
            "adoptions": len(self.events),
            "first_year": self.first_year,
            "first_adopters": [_brief(e) for e in self.first_adopters],
            "per_year": [{"year": y, "adoptions": n} for y, n in sorted(self.per_year.items())],
            "per_city": [{"city": c, "adoptions": n}
                         for c, n in sorted(self.per_city.items(), key=lambda x: (-x[1], x[0]))],
            "cumulative": [{"year": y, "adopters": n} for y, n in self.cumulative],
            "undated": self.undated,
            "events": [e.to_dict() for e in self.events],
            "spread_claims": [c.to_dict() for c in self.spread_claims],
        }


def _brief(event: AdoptionEvent) -> dict[str, Any]:
    return {"organization": event.organization, "county": event.county, "city": event.city,
            "year": event.year, "date": event.date, "date_basis": event.date_basis}


def practice_timeline(events: Iterable[AdoptionEvent], practice: str,
                      claims: Iterable[SpreadClaim] = ()) -> PracticeTimeline:
    """The timeline of one practice (raises KeyError for an id the ontology does not know)."""
    concept = get_ontology().practice(practice)
    own = sort_events(e for e in events if e.practice == concept.id)
    timeline = PracticeTimeline(concept.id, concept.zh, concept.en, own,
                                spread_claims=[c for c in claims if c.practice == concept.id])
    dated = [e for e in own if e.year is not None]
    timeline.undated = len(own) - len(dated)
    if not dated:
        return timeline
    timeline.first_year = min(e.year for e in dated if e.year is not None)
    timeline.first_adopters = [e for e in dated if e.year == timeline.first_year]
    timeline.per_year = dict(sorted(Counter(e.year for e in dated if e.year is not None).items()))
    timeline.per_city = dict(Counter(e.city or "(unknown)" for e in own))
    total = 0
    last = max(timeline.per_year)
    for year in range(timeline.first_year, last + 1):
        total += timeline.per_year.get(year, 0)
        timeline.cumulative.append((year, total))
    return timeline


def practice_overview(events: Iterable[AdoptionEvent]) -> list[dict[str, Any]]:
    """Per practice: adopters, first year and first adopters (for `ukg diffusion` without a practice)."""
    by_practice: dict[str, list[AdoptionEvent]] = {}
    for event in events:
        by_practice.setdefault(event.practice, []).append(event)
    rows = []
    for practice, own in sorted(by_practice.items()):
        years = [e.year for e in own if e.year is not None]
        first = min(years) if years else None
        firsts = sorted({e.organization for e in own if first is not None and e.year == first})
        rows.append({"practice": practice, "adoptions": len(own), "first_year": first,
                     "first_adopters": firsts, "cities": len({e.city for e in own if e.city})})
    return rows
