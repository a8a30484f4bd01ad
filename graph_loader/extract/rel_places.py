"""LOCATED_IN: where an organisation or carrier sits, and administrative containment.

Why from the text and not only from the gazetteer: every edge of the graph carries evidence
whose quote contains both ends. An organisation or carrier whose name carries an administrative
prefix (湖州市南浔区善琏湖笔小镇工会联合会) sits in that place (the most specific one in the
name); a union named after a carrier (…小镇工会联合会) sits in that carrier. Containment between
two places (湖州市南浔区 → 湖州市, 杭州市 → 浙江省) is stated where a sentence names both, e.g.
the full prefixed name of a district.
"""

from __future__ import annotations

from graph_loader.extract.actors import relate
from graph_loader.extract.base import Mention, RelMention
from graph_loader.extract.context import ArticleContext
from graph_loader.extract.mention_index import index_of, within
from graph_loader.reference.gazetteer import gazetteer
from graph_loader.reference.lexicon import ADMIN_AREA, CARRIER, LOCATED_IN, ORGANIZATION_TYPES, UNION

_RANK = {"province": 0, "city": 1, "county": 2}


def _live(m: Mention) -> bool:
    return bool(m.name) and not m.drop


def locations(ctx: ArticleContext, mentions: list[Mention]) -> list[RelMention]:
    out: list[RelMention] = []
    places = [m for m in mentions if m.type == ADMIN_AREA and _live(m)]
    gaz = gazetteer()
    index = index_of(mentions)

    def live_in(start: int, end: int, kind: str, inside: bool) -> list[Mention]:
        """Live mentions of `kind` starting in [start, end) (and `inside` it), in list order."""
        found = within(mentions, start, end, (kind,)) if inside else index.starting_in(start, end, (kind,))
        return index.in_source_order([m for m in found if _live(m)])

    # 1. organisations and carriers → the most specific place inside their written name
    holders = [m for m in mentions if (m.type in ORGANIZATION_TYPES or m.type == CARRIER)
               and _live(m) and not m.generic]
    for holder in holders:
        inside = live_in(holder.start, holder.end, ADMIN_AREA, True)
        if inside:
            place = max(inside, key=lambda p: (_RANK.get(p.props.get("adminLevel", ""), 0), p.end))
            if place.name != holder.name:
                out.append(relate(ctx, mentions, LOCATED_IN, holder, place, ctx.sentence_at(holder.start)))
        if holder.type == UNION:
            nested = live_in(holder.start, holder.end, CARRIER, True)
            if nested:
                carrier = max(nested, key=lambda c: c.end - c.start)
                out.append(relate(ctx, mentions, LOCATED_IN, holder, carrier, ctx.sentence_at(holder.start)))
    # 2. containment between places named in one sentence
    seen: set[tuple[str, str]] = set()
    for child in places:
        place = gaz.places.get(child.name)
        if place is None or not place.parent:
            continue
        sentence = ctx.sentence_at(child.start)
        parents = [p for p in live_in(sentence.start, sentence.end, ADMIN_AREA, False) if p.name == place.parent]
        if not parents or (child.name, place.parent) in seen:
            continue
        seen.add((child.name, place.parent))
        parent = min(parents, key=lambda p: abs(p.start - child.start))
        out.append(relate(ctx, mentions, LOCATED_IN, child, parent, sentence))
    return out
