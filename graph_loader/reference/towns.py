"""Towns and streets (X镇, X街道): found by their suffix, not listed.

Why a module of its own: Zhejiang has over a thousand towns and streets, too many for the
gazetteer, so they are recognised in text; cutting one on the left needs the name boundaries
(names.py), and those need the gazetteer's place table. Keeping the town heuristics here keeps
that a chain (gazetteer ← names ← towns) instead of a cycle.
"""

from __future__ import annotations

import functools
import re

from graph_loader.reference.charclass import CJK_CLASS
from graph_loader.reference.gazetteer import gazetteer
from graph_loader.reference.names import name_start

# A name that starts with a town or street (天水街道…, 北岙镇…): two or three characters + suffix.
TOWN_START = re.compile(rf"^{CJK_CLASS}{{2,3}}(街道|镇)")
_TOWN = re.compile(rf"({CJK_CLASS}{{2,3}})(街道|镇)")
_NOT_TOWNS = {"城镇", "乡镇", "集镇", "特色", "街镇", "各街", "所在"}


def find_towns(text: str) -> list[tuple[int, int, str]]:
    """Town / street names (X镇, X街道) in text: (start, end, name). Heuristic, no list."""
    return list(_towns(text))


@functools.lru_cache(maxsize=2)
def _towns(text: str) -> tuple[tuple[int, int, str], ...]:
    """Cached: the article context and the place-named venue finder read the same article."""
    out = []
    for m in _TOWN.finditer(text):
        start, _ = name_start(text, m.start(2), max_len=4)
        # a place written just before the town (下城区天水街道, 洞头区北岙街道) is not part of it
        wide = text[max(0, start - 4):m.start(2)]
        places = [p for p in gazetteer().find(wide) if p.end > len(wide) - (m.start(2) - start)]
        if places and places[-1].end < len(wide):
            start = m.start(2) - (len(wide) - places[-1].end)
        core = text[start:m.start(2)]
        county, city, used = gazetteer().parse_prefix(core)
        core = core[used:]
        if len(core) == 4:
            core = core[2:]  # 宣传湖滨街道: town names are two or three characters
        while core and core[0] in "区县市的办传向在到由":
            core = core[1:]
        if len(core) < 2 or core[-1] in "小城乡村" or core in _NOT_TOWNS:
            continue
        out.append((m.end() - len(core) - len(m.group(2)), m.end(), core + m.group(2)))
    return tuple(out)
