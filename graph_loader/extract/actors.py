"""Who does what: the actor of a sentence, plans and guidance, and evidence spans for edges.

Why one module: ADOPTS, OPERATES and PARTICIPATES_IN share the same questions — which
organisation is the subject (graph_loader.extract.discourse chooses it from the sentence and
what came before), is the sentence a plan (将/计划/拟/下一步 + a verb phrase) or guidance
(在X指导下), and which stretch of text quotes both ends of the edge. Every lookup goes through
a per-article positional index (mention_index) so that extraction stays linear in the text.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right

from graph_loader.extract.base import Mention, RelMention, Sentence
from graph_loader.extract.context import ArticleContext
from graph_loader.extract.discourse import choose_doer, doer_and_path, is_guide
from graph_loader.extract.mention_index import index_of, inside_name, orgs_in
from graph_loader.reference.lexicon import practice_rules

__all__ = [
    "actor", "doer_and_path", "inside_name", "is_guide", "is_plan", "nearest_surface", "orgs_in", "plan_paragraphs",
    "relate",
]

_NEGATION = re.compile(r"(尚未|没有|未能|未建|缺乏|不足|难以|很难)")
_PLAN_PARAGRAPH = re.compile(r"^\s*(下一步|接下来|今后|明年|下阶段|未来)")
_CLAUSE_END = "，,。；;：:！？!?\n"
# 将 as a preposition (把-construction): 将X纳入/作为/列入… within its clause is no plan.
_DISPOSAL = re.compile(
    r"^[^，,。；;：:]{0,16}?(纳入|作为|列入|列为|融入|写入|打造成|打造为|建成|建设成|改造成|转化为|转变为|变为|"
    r"变成|视为|放在|送到|送至|推向|延伸到|延伸至|交给|交由|落实到|落到|整合到|整合为|融合为|提升为|升级为)"
)
# 将 that is not the modal: 将近 (nearly), 将来 handled as future anyway, 将士, 将军
_NOT_MODAL_JIANG = re.compile(r"^将(近|士|军|心比心|信将疑)")
_DONE_BEFORE = ("已", "已经", "曾", "均已", "都已", "先后")
# 会 after a pronoun that is not the modal: 我们会同…(together with), 我们会员…, 会议, 会上
_NOT_MODAL_HUI = re.compile(r"^[同员议上场所长]")
# 将 is the modal (will) after these words, or before an adverb or verb that cannot open a noun
# phrase; otherwise it is taken as the preposition 将 (= 把) and the sentence as done
_MODAL_BEFORE = ("还", "也", "并", "都", "均", "又", "即", "届时", "仍", "亦", "今年", "明年", "今后", "下一步", "未来",
                 "接下来", "下阶段", "将来", "随后")
_MODAL_AFTER = re.compile(
    r"^将(继续|进一步|会(?![员议所长])|要(?![求素点])|在|于|陆续|逐步|重点|着力|全面|持续|加快|不断|积极|深入|大力|力争|通过|以|围绕|针对|"
    r"联合|常态化|进行|开展|推出|组建|建立|打造|举办|启动|实施|推进|探索|推动|完善|新建|增设|开通|设立|成立|投入|迎来)"
)
# a perfective 了 or 已 between the marker and the fact: it is reported as done
_DONE_BETWEEN = re.compile(r"了|已经|已")
# after a modal marker a verb phrase follows; punctuation, a closing quote or a noun head means
# the word is a noun (“春风计划”, 计划书, 准备工作) and no plan
_NOUN_AFTER = re.compile(r"^(书|表|单|生育|内|外|工作|阶段|[”’」》\"、，,。；;：:）)\s]|$)")
_OPEN_QUOTE = "“‘「《\""


@functools.cache
def _plan_re() -> re.Pattern[str]:
    words = sorted(practice_rules()["plan_markers"], key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


def plan_paragraphs(ctx: ArticleContext) -> list[tuple[int, int]]:
    """Paragraphs that open with 下一步/接下来/今后/明年: everything in them is planned
    (computed once per article)."""
    cached = ctx.memo.get("plan_paragraphs")
    if cached is None:
        cached = []
        pos = 0
        for line in ctx.text.split("\n"):
            if _PLAN_PARAGRAPH.match(line):
                cached.append((pos, pos + len(line)))
            pos += len(line) + 1
        ctx.memo["plan_paragraphs"] = cached
    return cached


def _in_spans(spans: list[tuple[int, int]], pos: int) -> bool:
    i = bisect_right(spans, (pos, 1 << 62)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _plan_marker(ctx: ArticleContext, text: str, at: int, word: str, offset: int, cue: int) -> bool:
    """Whether the marker `word` at text[at] announces a plan: a modal before a verb phrase,
    not a noun (“…计划”, 计划书), not 将 as a preposition (将X纳入) or 将近, not part of a name, and
    not followed by 了/已 before the fact (the fact is then reported as done)."""
    after = text[at + len(word):at + len(word) + 4]
    if word == "将":
        if _NOT_MODAL_JIANG.match(text[at:at + 4]) or text[:at].endswith(_DONE_BEFORE):
            return False
        if _DISPOSAL.match(text[at + 1:]):
            return False
        if not (text[:at].endswith(_MODAL_BEFORE) or _MODAL_AFTER.match(text[at:])):
            return False
    elif word.endswith("会") and _NOT_MODAL_HUI.match(after):
        return False
    elif word in {"计划", "准备", "规划", "打算"}:
        if _NOUN_AFTER.match(after) or text[:at].endswith(tuple(_OPEN_QUOTE)):
            return False
    if _DONE_BETWEEN.search(text[at + len(word):cue]):
        return False
    names = index_of(ctx.mentions).covering(offset + at, offset + at + len(word)) if ctx.mentions else []
    return not names


def is_plan(ctx: ArticleContext, sentence: Sentence, cue_pos: int) -> bool:
    """True when the fact at cue_pos is planned rather than done: its paragraph opens with
    下一步/明年…, or a plan marker (将/还将/拟/计划/准备/力争 … + verb phrase) precedes it in the
    sentence, or a negation (尚未, 没有) stands right before it."""
    if _in_spans(plan_paragraphs(ctx), cue_pos):
        return True
    before = ctx.text[sentence.start:cue_pos]
    for m in _plan_re().finditer(before):
        if _plan_marker(ctx, sentence.text, m.start(), m.group(0), sentence.start, len(before)):
            return True
    return bool(_NEGATION.search(before[-8:]))


def actor(ctx: ArticleContext, mentions: list[Mention], sentence: Sentence, pos: int) -> Mention | None:
    """The doer of the fact at pos (see graph_loader.extract.discourse.choose_doer)."""
    return choose_doer(ctx, mentions, sentence, pos)


def nearest_surface(ctx: ArticleContext, mentions: list[Mention], target: Mention, pos: int) -> Mention:
    """The mention of the same entity closest before pos (else after): the evidence anchor."""
    same = index_of(mentions).same_entity(target)
    if not same:
        return target
    i = bisect_right(same, pos, key=lambda m: m.start)
    return same[i - 1] if i > 0 else same[0]


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
