"""AdminArea mentions: full names of Zhejiang places from the gazetteer (unscored, hierarchy)."""

from __future__ import annotations

from graph_loader.extract.base import Mention
from graph_loader.extract.gazetteer import gazetteer
from graph_loader.extract.lexicon import ADMIN_AREA


def find_places(text: str) -> list[Mention]:
    out = []
    for match in gazetteer().find(text):
        place = match.place
        if match.surface not in (place.name, place.bare) or match.surface in {"浙江"}:
            continue
        out.append(Mention(ADMIN_AREA, match.surface, match.start, match.end,
                           {"adminLevel": place.level, "canonical": place.name}))
    return out
