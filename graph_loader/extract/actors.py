"""Who does what: the actor of a sentence, plans and guidance, and evidence spans for edges.

Why one module: ADOPTS, OPERATES and PARTICIPATES_IN share the same questions — which
organisation is the subject (an explicit one in the sentence, else the article's own union),
is the sentence a plan (将/计划/下一步) or guidance (在X指导下), and which stretch of text
quotes both ends of the edge.
"""

from __future__ import annotations

import functools
import re

from graph_loader.extract.base import Mention, RelMention, Sentence
from graph_loader.extract.context import ArticleContext
from graph_loader.reference.lexicon import GOVERNMENT, MASS, PARTY, UNION, practice_rules

_FUTURE_JIANG = re.compile(
    r"将(继续|进一步|会|要|在|于|陆续|逐步|重点|着力|全面|持续|加快|不断|积极|深入|通过|以|围绕|针对|联合"
    r"|常态化|打造|推出|组建|建立)"
)
_NEGATION = re.compile(r"(尚未|没有|未能|未建|缺乏|不足|难以|很难)")


@functools.cache
def _plan_re() -> re.Pattern[str]:
    words = [w for w in practice_rules()["plan_markers"] if w != "将"]
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))


@functools.cache
def _guidance_re() -> re.Pattern[str]:
    return re.compile("|".join(practice_rules()["guidance_markers"]))


def plan_paragraphs(ctx: ArticleContext) -> list[tuple[int, int]]:
    """Paragraphs that open with 下一步/接下来/今后/明年: everything in them is planned."""
    out = []
    pos = 0
    for line in ctx.text.split("\n"):
        if re.match(r"^\s*(下一步|接下来|今后|明年|下阶段|未来)", line):
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def is_plan(ctx: ArticleContext, sentence: Sentence, cue_pos: int) -> bool:
    """True when the fact at cue_pos is planned rather than done."""
    if any(a <= cue_pos < b for a, b in plan_paragraphs(ctx)):
        return True
    before = ctx.text[sentence.start:cue_pos]
    if _plan_re().search(before) or _FUTURE_JIANG.search(before):
        return True
    return bool(_NEGATION.search(before[-8:]))


def orgs_in(mentions: list[Mention], start: int, end: int, types: tuple[str, ...]) -> list[Mention]:
    found = (m for m in mentions if m.type in types and start <= m.start < end and not m.drop and m.name)
    return sorted(found, key=lambda m: m.start)


def is_guide(ctx: ArticleContext, m: Mention, sentence: Sentence) -> bool:
    """The organisation only guides or supports here (在X指导下, X指导…)."""
    after = ctx.text[m.end:min(sentence.end, m.end + 14)]
    before = ctx.text[max(sentence.start, m.start - 2):m.start]
    return bool(re.match(r"^(的)?(指导|支持|帮助|推动下|关心)", after)) or (before.endswith("在") and
                                                                 bool(_guidance_re().search(after)))


def actor(ctx: ArticleContext, mentions: list[Mention], sentence: Sentence, pos: int) -> Mention | None:
    """The doer of the fact at pos: the first union of the sentence before pos that is not only a
    guide; else another body (团委, 管委会) that opens the sentence; else the article's union."""
    unions = [m for m in orgs_in(mentions, sentence.start, pos, (UNION,)) if not is_guide(ctx, m, sentence)]
    if unions:
        return unions[0]
    others = orgs_in(mentions, sentence.start, pos, (MASS, GOVERNMENT, PARTY))
    if others and others[0].start - sentence.start <= 4 and not is_guide(ctx, others[0], sentence):
        return others[0]
    return ctx.main_union


def nearest_surface(ctx: ArticleContext, mentions: list[Mention], target: Mention, pos: int) -> Mention:
    """The mention of the same entity closest before pos (else after): the evidence anchor."""
    same = [m for m in mentions if m.name == target.name and m.type == target.type and not m.drop]
    before = [m for m in same if m.start <= pos]
    if before:
        return max(before, key=lambda m: m.start)
    return min(same, key=lambda m: m.start) if same else target


def relate(ctx: ArticleContext, mentions: list[Mention], rtype: str, head: Mention | str, tail: Mention | str,
           sentence: Sentence, cue: tuple[int, int, str] | None = None, rule: str = "",
           **props: object) -> RelMention:
    """A RelMention whose evidence span covers the sentence and a surface form of each end."""
    start, end = sentence.start, sentence.end
    surfaces = []
    for end_ in (head, tail):
        if isinstance(end_, Mention):
            anchor = end_ if sentence.start <= end_.start < sentence.end else \
                nearest_surface(ctx, mentions, end_, sentence.start)
            start, end = min(start, anchor.start), max(end, anchor.end)
            surfaces.append(anchor.surface)
        elif cue is not None:
            start, end = min(start, cue[0]), max(end, cue[1])
            surfaces.append(cue[2])
        else:
            surfaces.append("")
    return RelMention(rtype, head, tail, start, end, {k: v for k, v in props.items() if v not in (None, "")},
                      surfaces[0], surfaces[1], rule)
