"""COVERS, PARTY_BUILDING and SUB_ORGANIZATION_OF between organisations and carriers.

Why: a regional union's name usually embeds the carrier it serves (梦想小镇工会联合会 covers
梦想小镇), so COVERS comes from the name first and from 涵盖/覆盖 sentences second; party
leadership is a party mention plus a leadership cue in one sentence.
"""

from __future__ import annotations

import functools
import re

from graph_loader.extract.actors import orgs_in, relate
from graph_loader.extract.base import Mention, RelMention
from graph_loader.extract.context import ArticleContext
from graph_loader.reference.lexicon import (
    CARRIER,
    COVERS,
    PARTY,
    PARTY_BUILDING,
    SUB_ORGANIZATION_OF,
    UNION,
    practice_rules,
)

_SUB = re.compile(r"(下辖|下设|所属|隶属于|隶属)")


@functools.cache
def _pb_re() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, practice_rules()["party_building_cues"])))


def covers(ctx: ArticleContext, mentions: list[Mention]) -> list[RelMention]:
    out: list[RelMention] = []
    carriers = [m for m in mentions if m.type == CARRIER and m.name]
    for union in (m for m in mentions if m.type == UNION and m.name and not m.drop):
        for carrier in carriers:
            if union.start <= carrier.start and carrier.end <= union.end:
                out.append(relate(ctx, mentions, COVERS, union, carrier, ctx.sentence_at(union.start)))
    main = ctx.main_union
    if main is not None and ctx.main_carrier is not None and main.props.get("level") == "carrier":
        sentence = ctx.sentence_at(ctx.main_carrier.start)
        out.append(relate(ctx, mentions, COVERS, main, ctx.main_carrier, sentence))
    return out


def party_building(ctx: ArticleContext, mentions: list[Mention]) -> list[RelMention]:
    out: list[RelMention] = []
    for sentence in ctx.sentences:
        parties = orgs_in(mentions, sentence.start, sentence.end, (PARTY,))
        if not parties or not _pb_re().search(sentence.text):
            continue
        unions = orgs_in(mentions, sentence.start, sentence.end, (UNION,))
        target = unions[0] if unions else ctx.main_union
        if target is None:
            continue
        out.append(relate(ctx, mentions, PARTY_BUILDING, parties[0], target, sentence))
    return out


def sub_organizations(ctx: ArticleContext, mentions: list[Mention]) -> list[RelMention]:
    """X下辖/下设 Y (Y child of X); Y隶属(于) X."""
    out: list[RelMention] = []
    for sentence in ctx.sentences:
        for m in _SUB.finditer(sentence.text):
            pos = sentence.start + m.start()
            unions = orgs_in(mentions, sentence.start, sentence.end, (UNION,))
            before = [u for u in unions if u.end <= pos]
            after = [u for u in unions if u.start >= pos + len(m.group(0))]
            if not before or not after:
                continue
            if m.group(0).startswith("隶属"):
                child, parent = before[-1], after[0]
                out.append(relate(ctx, mentions, SUB_ORGANIZATION_OF, child, parent, sentence))
            else:
                parent = before[-1]
                for child in after:
                    if child.name != parent.name:
                        out.append(relate(ctx, mentions, SUB_ORGANIZATION_OF, child, parent, sentence))
    return out
