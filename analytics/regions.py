"""One region's place in the diffusion: its adoptions, firsts, innovativeness, leaders and followers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from analytics.adoptions import AdoptionEvent, place_level, sort_events
from analytics.innovativeness import innovativeness
from analytics.precedence import adoption_times, precedence_network
from graph_loader.reference.gazetteer import gazetteer


def region_name(region: str) -> str:
    """A canonical region name from a name or an AdminArea key (admin-area/湖州市), or ""."""
    name = region.rsplit("/", 1)[-1].strip()
    if name in gazetteer().places:
        return name
    place = gazetteer().lookup(name)
    return place.name if place else ""


def region_profile(events: Iterable[AdoptionEvent], region: str, alpha: float = 0.05,
                   min_weight: int = 2) -> dict[str, Any]:
    """Everything the diffusion analytics say about one city or county (ValueError otherwise)."""
    name = region_name(region)
    level = place_level(name)
    if level not in ("city", "county"):
        raise ValueError(f"not a Zhejiang city or county: {region!r}")
    events = list(events)
    own = sort_events(e for e in events if e.region(level) == name)
    times = adoption_times(events, level)
    firsts = []
    for practice, years in sorted(times.items()):
        if name in years and years[name] == min(years.values()):
            joint = sorted(r for r, y in years.items() if y == years[name] and r != name)
            firsts.append({"practice": practice, "year": years[name], "adopters": len(years),
                           "joint_with": joint})
    score = next((s for s in innovativeness(events, level) if s.region == name), None)
    network = precedence_network(events, level, alpha=alpha, min_weight=min_weight, shuffles=0)
    return {
        "region": name,
        "level": level,
        "city": gazetteer().city_of(name) if level == "county" else name,
        "adoptions": len(own),
        "practices": sorted({e.practice for e in own}),
        "first_adopter_of": firsts,
        "innovativeness": score.to_dict() if score else None,
        "follows": [e.to_dict() for e in network.shown if e.target == name],
        "followed_by": [e.to_dict() for e in network.shown if e.source == name],
        "events": [e.to_dict() for e in own],
    }
