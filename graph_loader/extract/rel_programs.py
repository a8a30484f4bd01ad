"""PARTICIPATES_IN (organisation or carrier → programme), with `level` and `year` when stated.

Why: pilots are named in the sentence that selects the unit (列为…试点, 入选…); the unit is the
union or carrier the sentence names, else the article's union, else its carrier.
"""

from __future__ import annotations

import functools
import re

from graph_loader.extract.actors import is_plan, orgs_in, relate
from graph_loader.extract.base import Mention, RelMention, Sentence
from graph_loader.extract.context import ArticleContext
from graph_loader.extract.rel_practices import stated_year
from graph_loader.reference.lexicon import (
    CARRIER,
    PARTICIPATES_IN,
    UNION,
    carrier_grammar,
    program_lexicon,
    short_union_suffixes,
)

_LEVEL = re.compile(r"(全国|国家级|省级|省|市级|县级|区级)")
_LEVELS = {"全国": "全国", "国家级": "全国", "省级": "省级", "省": "省级",
           "市级": "市级", "县级": "县级", "区级": "县级"}
TOWN_PROGRAM = "characteristic-town-creation"
# "<unit>被列为/自年初被列入/作为/是 …试点": the unit selected is the subject right before the verb
# a cue in a list of a contest's tracks or categories (设“大抓基层”、产改赋能…四个赛道) names a
# category entrants compete in, not a programme anyone was selected for
_CATEGORY = re.compile(r"^[^。；;]{0,30}?(赛道|组别|类别)")
# `…确定了288家群团改革试点`: a counted batch in the cue's own clause; a unit named only in another
# clause of the sentence (`在总结A、B三家先行试点经验的基础上，…`) is not one the clause selects.
_BATCH = re.compile(r"\d+\s?家[^，,；;。]{0,12}$")
_CLAUSE_MARK = re.compile(r"[，,；;：:]")
_SELECTED = re.compile(r"^(?:自[^，,。；]{0,5})?(?:被列为|被列入|被确定为|被选定为|列入|列为|入选|作为|是)[^，,。；]*$")


def _selected(ctx: ArticleContext, named: list[Mention], cue_start: int) -> Mention | None:
    """The unit the sentence says was selected: the last one before the cue that is the subject
    of 被列为/列入/入选/作为/是 with no clause break up to the cue."""
    for m in reversed([m for m in named if m.end <= cue_start]):
        if _SELECTED.match(ctx.text[m.end:cue_start]):
            return m
    return None


def _in_clause(sentence: Sentence, named: list[Mention], cue_start: int) -> bool:
    """Is one of the named units in the clause of the cue (at `cue_start` in the sentence)?"""
    clause_start = max((m.end() for m in _CLAUSE_MARK.finditer(sentence.text, 0, cue_start)), default=0)
    return any(sentence.start + clause_start <= m.start for m in named)


def _outermost(named: list[Mention]) -> list[Mention]:
    """The units the sentence names, without a carrier written inside a union's name: in
    "<X小镇>总工会推进改革试点" the sentence names the union, so the union is the participant."""
    return [m for m in named if not any(o is not m and o.start <= m.start and m.end <= o.end
                                        and o.end - o.start > m.end - m.start for o in named)]


def _written_before(ctx: ArticleContext, mentions: list[Mention], named: list[Mention], cue_start: int,
                    cue: str) -> Mention | None:
    """The unit written as the cue's own modifier: <X小镇>群团改革试点 is the carrier's pilot;
    <X商圈>工会改革试点 is the pilot of the union named after that carrier; a bare 小镇群团改革试点
    is the article's carrier's."""
    text = ctx.text
    for m in named:
        if m.end == cue_start and m.type == CARRIER:
            if not cue.startswith("工会"):
                return m
            main = ctx.main_union
            if main is not None and main.name and (m.surface in main.name or (m.name or "") in main.name):
                return main
            return None
    if any(m.end == cue_start for m in named):
        return None
    bare = next((w for w in _bare_carrier_words() if text.endswith(w, 0, cue_start)), None)
    at = cue_start - len(bare) if bare else 0
    if bare is None or (at > 0 and text[at - 1] not in _OPENERS
                        and not text.endswith(tuple(carrier_grammar()["left_verbs"]), 0, at)):
        return None  # 某某小镇群团改革试点 with an unrecognised name before 小镇: not the bare word
    return ctx.main_union if cue.startswith("工会") else article_carrier(ctx, mentions)


def article_carrier(ctx: ArticleContext, mentions: list[Mention]) -> Mention | None:
    """The carrier the article is about: the context's, else the one its heading names (the
    heading's union is named after it: 某某小镇工会联合会)."""
    if ctx.main_carrier is not None:
        return ctx.main_carrier
    return next((m for m in mentions if m.type == CARRIER and m.name and not m.drop and ctx.in_heading(m)), None)


def _bare_subject(ctx: ArticleContext, mentions: list[Mention], sentence: Sentence) -> Mention | None:
    """A sentence naming no unit whose clause opens with a bare 小镇/园区 (作为…试点之一，小镇正式
    成立工会): the carrier is the subject, so the article's carrier is the participant."""
    for clause in re.split(r"[，,；;]", sentence.text):
        head = clause.lstrip()
        word = next((w for w in _bare_carrier_words() if head.startswith(w)), None)
        if word and not head[len(word):].startswith(short_union_suffixes()):
            return article_carrier(ctx, mentions)
    return None


@functools.cache
def _bare_carrier_words() -> tuple[str, ...]:
    """Two-character carrier suffixes (小镇, 园区, 商圈) that stand alone for the article's carrier."""
    return tuple(w for w in carrier_grammar()["suffixes"] if len(w) == 2)


# What may stand before a bare 小镇/园区 that refers to the article's carrier (，小镇…, 的小镇…);
# a carrier grammar left verb may too (负责小镇…).
_OPENERS = set("，,。；;、：:“\n 的")


def runs_programmes(m: Mention) -> bool:
    """The provincial (or national) federation sets programmes up and selects the units: it is
    the organiser, never a participant (由省总工会主办…展评, 省总工会确定…试点)."""
    return m.type == UNION and m.props.get("level") in ("province", "national") and m.name.endswith("总工会")


def participations(ctx: ArticleContext, mentions: list[Mention]) -> list[RelMention]:
    lex = program_lexicon()
    out: list[RelMention] = []
    first_carrier: list[Mention | None] = []  # the article's first named carrier, looked for once
    for sentence in ctx.sentences:
        for start, end, cue in lex.find(sentence.text):
            a, b = sentence.start + start, sentence.start + end
            if is_plan(ctx, sentence, a) or "目录" in sentence.text or _CATEGORY.match(sentence.text[end:]):
                continue
            for pid in lex.by_cue[cue]:
                types = (CARRIER,) if pid == TOWN_PROGRAM else (UNION, CARRIER)
                named = _outermost([m for m in orgs_in(mentions, sentence.start, sentence.end, types)
                                    if not runs_programmes(m)])
                chosen = _written_before(ctx, mentions, named, a, cue) or _selected(ctx, named, a)
                named = [chosen] if chosen else named
                if named and _BATCH.search(sentence.text, 0, start) and not _in_clause(sentence, named, start):
                    continue
                head = named[0] if named else (ctx.main_carrier if pid == TOWN_PROGRAM else
                                               _bare_subject(ctx, mentions, sentence) or ctx.main_union)
                if head is None and pid == TOWN_PROGRAM:
                    if not first_carrier:
                        first_carrier.append(next((m for m in mentions if m.type == CARRIER and m.name), None))
                    head = first_carrier[0]
                if head is None or runs_programmes(head):
                    head = ctx.main_carrier
                if head is None:
                    continue
                window = sentence.text[max(0, start - 12):end + 4]
                level = _LEVEL.search(window)
                cue_span = (a, b, cue)
                out.append(relate(ctx, mentions, PARTICIPATES_IN, head, f"program:{pid}", sentence, cue_span,
                                  level=_LEVELS[level.group(1)] if level else None,
                                  year=stated_year(ctx, sentence, a, b)))
    return out
