"""Venues and funds named by their place: 杭州市职工服务中心, 凤凰社区幸福驿站, 兰溪市困难职工帮扶救助基金.

Why a finder of its own: reports name such venues without quotes, and a generic kind (职工服务
中心, 幸福驿站, 救助基金) becomes one named venue when a place stands in front of it — a city,
county or town of the gazetteer, or a community (X社区). The words between the place and the kind
(红色环卫之家, 昌硕街道网约送餐员) belong to the name unless they hold an organisation, an honour or
a clause word (brands.yaml `place_venue_reject`); a name inside a 《title》 is the title's.
Such a name is mostly written as where something happens (在凤凰社区幸福驿站开展…, 来到绍兴劳模
工匠馆), so the mention is marked `placed`: rel_brands types it by its kind and gives it an
operator only when the text says who built or owns it.
"""

from __future__ import annotations

import bisect
import functools
import re

from graph_loader.extract.base import Mention
from graph_loader.reference.charclass import CJK_CLASS
from graph_loader.reference.gazetteer import gazetteer
from graph_loader.reference.lexicon import BRAND, alternation, brand_grammar
from graph_loader.reference.towns import find_towns

# a community named right after a clause mark or a locative verb (在凤凰社区…)
_COMMUNITY = re.compile(rf"(?<=[在到于、，,。\s])({CJK_CLASS}{{2,3}}社区)")
# what may not follow the kind: it is then part of a longer name (…基金小镇, …驿站工会)
_CONTINUES = re.compile(r"小镇|工会|联盟|园区")


@functools.cache
def _res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    g = brand_grammar()
    kind = re.compile(rf"({CJK_CLASS}{{0,12}}?)({alternation(g['place_venue_heads'])})")
    return kind, re.compile(alternation(g["place_venue_reject"]))


def _places(text: str) -> list[tuple[int, int]]:
    spans = [(p.start, p.end) for p in gazetteer().find(text)]
    spans += [(start, end) for start, end, _ in find_towns(text)]
    spans += [m.span(1) for m in _COMMUNITY.finditer(text)]
    return sorted(spans)


_TITLE = re.compile(r"《[^《》]*》")


def _title_spans(text: str) -> list[tuple[int, int]]:
    """The 《title》 spans, found once (a lookup per place would make a long line quadratic)."""
    return [m.span() for m in _TITLE.finditer(text)]


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    k = bisect.bisect_right(spans, (pos, 1 << 62)) - 1
    return k >= 0 and spans[k][0] < pos < spans[k][1]


def place_named_venues(text: str) -> list[Mention]:
    """A venue or fund kind with a place in front of it, as a ServiceBrand mention."""
    kind, reject = _res()
    out: list[Mention] = []
    titles = _title_spans(text)
    for start, end in _places(text):
        found = kind.match(text, end)
        if found is None or reject.search(found.group(1)) or _inside(titles, start):
            continue
        if _CONTINUES.match(text, found.end()):
            continue
        props = {"after": text[found.end():found.end() + 12], "kind": found.group(2), "placed": "1"}
        out.append(Mention(BRAND, text[start:found.end()], start, found.end(), props))
    return out
