"""SPREAD_TO (organisation → place): the text says a practice was extended or copied there.

Why: diffusion analysis (docs/diffusion.md) separates what the texts *claim* spread (推广至,
复制推广, 在全市推广) from the order it infers from adoption dates. A claim needs a spread cue
that is a fact, not a plan or a wish (可复制可推广, 将在全市推广), a place (named after
推广至/复制到 or before 复制推广, or the article's own city/county/province for 全市/全区/全省),
and a practice cue in the same sentence (else the previous one). The doer is the sentence's
actor, as for ADOPTS; `practice` and `year` (when stated) qualify the edge.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from graph_loader.extract.actors import actor, is_plan, relate
from graph_loader.extract.base import Mention, RelMention, Sentence
from graph_loader.extract.context import ArticleContext
from graph_loader.extract.mention_index import index_of
from graph_loader.reference.gazetteer import PROVINCE
from graph_loader.reference.lexicon import ADMIN_AREA, SPREAD_TO, practice_lexicon
from graph_loader.text.dates import stated_date

# 推广至湖州市 / 复制推广到 / 推广应用到: the place follows.
_TO = re.compile(r"(?:复制推广|推广复制|推广应用|推广)(?:至|到)|复制到|延伸至|辐射至")
# 在全市(域)(范围内)推广 / 全省复制推广: the place is the article's own area.
_SCOPE = re.compile(
    r"(全省|全市|全区|全县)域?(?:范围内|各地|各区县|各县市区)?(?:复制推广|推广复制|推广|推开|复制)"
)
# 在湖州市复制推广 / 在嘉兴市(各地)推广: the place precedes.
_AT = re.compile(r"(?:全域|各地|范围内|各区县)?(?:复制推广|推广复制|推广|推开)")
_NOT_A_CLAIM = re.compile(r"(可|要|应|需|加以|予以|值得)$")


class _Places:
    """The article's named place mentions, built once per article (not once per sentence): by
    name (first in list order) and by position (a bisect over the mention index)."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.index = index_of(mentions)
        self.by_name: dict[str, Mention] = {}
        for m in mentions:
            if _live_place(m):
                self.by_name.setdefault(m.name, m)

    def starting_in(self, start: int, end: int) -> list[Mention]:
        """Named place mentions starting in [start, end), in list order."""
        found = [m for m in self.index.starting_in(start, end, (ADMIN_AREA,)) if _live_place(m)]
        return self.index.in_source_order(found)


def _live_place(m: Mention) -> bool:
    return m.type == ADMIN_AREA and bool(m.name) and not m.drop


def _area(ctx: ArticleContext, word: str) -> str:
    if word == "全省":
        return PROVINCE
    if word == "全市":
        return ctx.city.name if ctx.city else ""
    return ctx.county.name if ctx.county else ""


def _practice(ctx: ArticleContext, sentence: Sentence, pos: int) -> tuple[str, tuple[int, int, str]] | None:
    """The practice whose cue is nearest before pos in the sentence, else last in the previous one."""
    lex = practice_lexicon()
    found = [(s, e, c) for s, e, c in lex.find(sentence.text) if sentence.start + s < pos]
    offset = sentence.start
    if not found:
        # the last sentence ending before this one (sentences are disjoint, in text order)
        previous = bisect_right(ctx.sentences, sentence.start, key=lambda s: s.end)
        if not previous:
            return None
        prev = ctx.sentences[previous - 1]
        found, offset = lex.find(prev.text), prev.start
    if not found:
        return None
    s, e, cue = found[-1]
    return lex.by_cue[cue][0], (offset + s, offset + e, cue)


Claim = tuple[int, int, Mention | str]


def _claims(ctx: ArticleContext, places: _Places, sentence: Sentence) -> list[Claim]:
    """(cue start, cue end, place) of every spread claim in the sentence."""
    text = sentence.text
    out: list[Claim] = []
    for m in _TO.finditer(text):
        a, b = sentence.start + m.start(), sentence.start + m.end()
        after = places.starting_in(b, b + 3)
        if after:
            out.append((a, b, after[0]))
    for m in _SCOPE.finditer(text):
        name = _area(ctx, m.group(1))
        if name:
            a = sentence.start + m.start()
            out.append((a, sentence.start + m.end(), places.by_name.get(name, name)))
    for place in places.starting_in(sentence.start, sentence.end):
        m = _AT.match(ctx.text, place.end)
        if m and ctx.text[max(sentence.start, place.start - 1):place.start] == "在":
            out.append((place.start, m.end(), place))
    return out


def spread_claims(ctx: ArticleContext, mentions: list[Mention]) -> list[RelMention]:
    out: list[RelMention] = []
    places = _Places(mentions)
    for sentence in ctx.sentences:
        for a, b, place in _claims(ctx, places, sentence):
            if _NOT_A_CLAIM.search(ctx.text[sentence.start:a]) or is_plan(ctx, sentence, a):
                continue
            practice = _practice(ctx, sentence, a)
            doer = actor(ctx, mentions, sentence, a)
            if practice is None or doer is None:
                continue
            pid, cue = practice
            found = stated_date(sentence.text, a - sentence.start, ctx.article.date)
            year = int(found.value[:4]) if found else None
            out.append(relate(ctx, mentions, SPREAD_TO, doer, place, sentence, (a, b, ctx.text[a:b]),
                              practice=pid, year=year))
    return out
