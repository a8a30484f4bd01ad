"""AdminArea mentions: names of Zhejiang places from the gazetteer (hierarchy, LOCATED_IN ends).

A county written with its city (湖州市南浔区) also yields a mention of the city (湖州市) at the
same position, so the sentence can evidence the containment edge 湖州市南浔区 → 湖州市.
"""

from __future__ import annotations

from graph_loader.extract.base import Mention
from graph_loader.reference.gazetteer import gazetteer
from graph_loader.reference.lexicon import ADMIN_AREA


def find_places(text: str) -> list[Mention]:
    gaz = gazetteer()
    out = []
    for match in gaz.find(text):
        place = match.place
        if match.surface in {"浙江"}:
            continue
        city = gaz.places.get(place.city) if place.level == "county" else None
        if city is not None and match.surface.startswith(city.name) and match.surface != city.name:
            out.append(Mention(ADMIN_AREA, city.name, match.start, match.start + len(city.name),
                               {"adminLevel": city.level, "canonical": city.name}))
        if match.surface not in (place.name, place.bare):
            continue
        out.append(Mention(ADMIN_AREA, match.surface, match.start, match.end,
                           {"adminLevel": place.level, "canonical": place.name}))
    return out
