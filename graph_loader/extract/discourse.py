"""Discourse-aware choice of the doer: the subject of a clause, references back, the topic.

Why: a report names its actors once and then refers back — 联盟还牵头举办…, 该联合会下设…,
我们坚持…, or no subject at all (还开展了…). Taking the article's headline union for every such
clause gives the practices of a member union, an alliance or a newly formed joint union to the
wrong body. This module reads each sentence once, in order, and keeps
- the grammatical subject of each clause: an organisation at the clause start (after time and
  linking adverbs), not one that is only a locative (在X, 依托X), a guide (在X指导下) or the
  qualifier of a title (X主席Y) or of another body (X所属的Y);
- references back: a bare form (联盟, 该联合会, 联合工会, 总工会, 本工会) stands for the headline
  union when its form fits, else for the most recent named union with that form; 我们/我们工会
  (a chair's quoted speech) for the current topic;
- the topic: a union the text says was just founded (X挂牌成立, as the subject of the founding)
  until the paragraph ends, or the subject of a sentence that ended in ；/： (its clauses go on);
  a sentence without a subject takes the topic, the headline union when there is none.
An agent phrase (由X牵头, X牵头组建, X推出的) names the doer directly.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from dataclasses import dataclass, field

from graph_loader.extract.base import Mention, Sentence, paragraphs
from graph_loader.extract.context import ArticleContext
from graph_loader.extract.mention_index import orgs_in
from graph_loader.reference.lexicon import (
    GOVERNMENT,
    MASS,
    PARTY,
    UNION,
    alternation,
    person_grammar,
    practice_rules,
    short_union_suffixes,
    union_suffix_forms,
)

ACTOR_TYPES = (UNION, MASS, GOVERNMENT, PARTY)
_CLAUSE = re.compile(r"[，,：:]")
_CHAIN_END = ("；", ";", "：", ":")
# time and linking words that may open a clause before its subject (no alternative may match
# the empty string: an empty match ends the repetition, and nothing after it would be skipped)
_LEAD = re.compile(
    r"^(?:(?:\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?|\d{1,2}月(?:\d{1,2}日)?)(?:起|以来|底|初|中旬|上旬|下旬|前后)?"
    r"|近年来|近年|去年|今年|前年|"
    r"目前|此外|同时|同期|另外|其中|随后|近日|日前|为此|对此|因此|如今|当前|而|但|则|最早|后来|首先|其次|最后|"
    r"一方面|另一方面|一是|二是|三是|四是|五是|[\s“”\"]|答|周[一二三四五六日])*"
)
_WE = re.compile(r"我们(工会)?")
# a clause that hands over to a quote: X主席Y说：“…
_SAYS = re.compile(r"(?:说|表示|介绍|谈到|坦言|告诉记者)[：:，,]?\s*[“\"]?$")
# 结合X举办的…: X set up what the clause builds on; it does not act here
_LOCATIVE_BEFORE = ("在", "依托", "借助", "依靠", "向", "对", "为", "给", "与", "同", "到", "从", "经", "于", "和",
                    "联合", "协调", "会同", "指导", "推动", "邀请", "结合")
_QUALIFIER_AFTER = re.compile(r"^(所属|下属|旗下|直属|的)")
_DEPARTMENT = re.compile(r"^[^，,。；;]{0,6}?(部|办公室|办|处|科)")  # X宣传部部长: a department of X
_CLAUSE_MARKS = re.compile(r"[，,：:\s]")
_AGENT = re.compile(r"^(牵头|发起|主导|领办|创办|推出的|打造的|组建的|建立的)")
_AGENT_BY = ("由",)
_DELEGATED_TO = ("交给", "交由", "委托")
_COMPOSED = re.compile(r"(组成|构成)")
_FORMED_AFTER = re.compile(r"^[^，,。；;]{0,6}?(正式)?(挂牌)?(成立|揭牌|挂牌)")


# X(积极)指导/支持…: X guides; the guided body (or the article's union) is the doer
_GUIDE_AFTER = re.compile(r"^(的)?(积极|大力|主动|全力|精心|悉心|具体|专门|充分)?(指导|支持|帮助|推动下|关心)(?!员)")


@functools.cache
def _guidance_re() -> re.Pattern[str]:
    return re.compile("|".join(practice_rules()["guidance_markers"]))


@functools.cache
def _reference_re() -> re.Pattern[str]:
    """A bare union form at a clause start (该联合会, 联盟, 总工会): a reference back. The forms are
    the suffixes that stand alone for a union, the alliance suffixes, and their short tails."""
    alliance = [w for w, form in union_suffix_forms().items() if form.endswith("联盟")]
    forms = set(short_union_suffixes()) | set(alliance) | {"联盟", "联合会"}
    return re.compile(f"^(该|这个|这一|这家|此|本)?({alternation(forms)})")


def is_guide(ctx: ArticleContext, m: Mention, sentence: Sentence) -> bool:
    """The organisation only guides or supports here (在X指导下, X指导…)."""
    after = ctx.text[m.end:min(sentence.end, m.end + 14)]
    before = ctx.text[max(sentence.start, m.start - 2):m.start]
    return bool(_GUIDE_AFTER.match(after)) or (before.endswith("在") and bool(_guidance_re().search(after)))


@dataclass
class _State:
    """Per-article discourse state, computed once (sentence by sentence, in order)."""

    starts: list[int]
    topic_before: list[Mention | None]  # topic at the start of each sentence
    # per sentence: (clause start, where its subject stands, subject, strong) of each clause
    clauses: list[list[tuple[int, int, Mention | None, bool]]] = field(default_factory=list)
    named_unions: list[Mention] = field(default_factory=list)
    named_starts: list[int] = field(default_factory=list)


def _titles() -> tuple[str, ...]:
    return tuple(person_grammar()["titles"])


def _is_qualifier(ctx: ArticleContext, m: Mention) -> bool:
    """X主席Y, X党组书记, X所属的Y: the organisation only qualifies the noun after it."""
    after = ctx.text[m.end:m.end + 12]
    if _QUALIFIER_AFTER.match(after) and not after.startswith(("的指导", "的支持", "的帮助")):
        return True
    after = _DEPARTMENT.sub("", after, count=1) if not after.startswith(
        _titles()) else after
    return after.startswith(_titles())


def _is_locative(ctx: ArticleContext, m: Mention, clause_start: int) -> bool:
    before = ctx.text[max(clause_start, m.start - 2):m.start]
    return before.endswith(_LOCATIVE_BEFORE)


def _compatible(form: str, name: str) -> bool:
    if form in {"工会", "我们"}:
        return True
    if form == "联盟":
        return name.endswith("联盟")
    if form == "联合会":
        return name.endswith("联合会")
    return name.endswith(form)


def refer_back(ctx: ArticleContext, state: _State, form: str, pos: int) -> Mention | None:
    """The union a bare reference (工会联合会, 联盟, 我们) stands for: the headline union when its
    form fits (a report calls its own union by the bare form), else the most recent named union
    before pos whose form fits, else None."""
    main = ctx.main_union
    if main is not None and form != "我们" and _compatible(form, main.name):
        return main
    i = bisect_right(state.named_starts, pos)
    for m in reversed(state.named_unions[max(0, i - 40):i]):
        if _compatible(form, m.name):
            return m
    return main if main is not None and _compatible(form, main.name) else None


def _clause_subject(ctx: ArticleContext, mentions: list[Mention], state: _State | None, sentence: Sentence,
                    a: int, b: int, topic: Mention | None) -> tuple[Mention | None, bool, int]:
    """(subject, strong, where its word stands) of the clause text[a:b]: an organisation or a
    reference at its start."""
    text = ctx.text[a:b]
    lead = _LEAD.match(text)
    at = a + (lead.end() if lead else 0)
    orgs = [m for m in orgs_in(mentions, a, b, ACTOR_TYPES) if not is_guide(ctx, m, sentence)]
    if not _LEAD.fullmatch(_CLAUSE_MARKS.sub("", ctx.text[sentence.start:a])):
        # 团委, 管委会 as subjects only where the sentence opens, perhaps after 此外，/同期，/2020年，
        orgs = [m for m in orgs if m.type == UNION]
    first = next((m for m in orgs if m.start >= at), None)
    if first is not None and first.start - at <= 1 and not _is_locative(ctx, first, a):
        if _QUALIFIER_AFTER.match(ctx.text[first.end:first.end + 3]) and not \
                ctx.text[first.end:first.end + 3].startswith(("的指导", "的支持")):
            head = next((m for m in orgs if m.start > first.end), None)
            return (head, True, head.start) if head is not None else (None, False, b)
        return first, not _is_qualifier(ctx, first), first.start
    rest = ctx.text[at:b]
    ref = _reference_re().match(rest)
    if ref and (first is None or first.start > at + ref.end()) and state is not None:
        return refer_back(ctx, state, ref.group(2), at), True, at
    if _WE.match(rest) and state is not None:
        return topic or ctx.main_union, True, at
    return None, False, b


def _formed(ctx: ArticleContext, mentions: list[Mention], sentence: Sentence) -> Mention | None:
    """A union the sentence says was founded, as the subject of the founding (X正式挂牌成立):
    what follows is about it. (组建了X in a report is the headline union's act, not a new topic.)"""
    for a, b in _clauses(sentence):
        lead = _LEAD.match(ctx.text[a:b])
        at = a + (lead.end() if lead else 0)
        for m in orgs_in(mentions, at, at + 2, (UNION,)):
            if _FORMED_AFTER.match(ctx.text[m.end:b]):
                return m
    return None


def _clauses(sentence: Sentence) -> list[tuple[int, int]]:
    out = []
    pos = sentence.start
    for m in _CLAUSE.finditer(sentence.text):
        out.append((pos, sentence.start + m.end()))
        pos = sentence.start + m.end()
    out.append((pos, sentence.end))
    return out


def _reorder(found: tuple[Mention | None, bool, int]) -> tuple[int, Mention | None, bool]:
    return found[2], found[0], found[1]


def state_of(ctx: ArticleContext, mentions: list[Mention]) -> _State:
    """The article's discourse state (memoised on the context)."""
    cached = ctx.memo.get("discourse")
    if cached is not None and cached[0] is mentions:
        return cached[1]
    named = [m for m in orgs_in(mentions, 0, len(ctx.text) + 1, (UNION,)) if not m.generic]
    spans = paragraphs(ctx.text)
    para_starts = [s for s, _ in spans]
    state = _State([s.start for s in ctx.sentences], [], named_unions=named, named_starts=[m.start for m in named])
    formed: Mention | None = None  # a union just formed: the topic until the paragraph ends
    chained: Mention | None = None  # the last subject of a sentence that ended in ；or ：
    para = -1
    speaker: Mention | None = None  # the body of the one who speaks (X主席Y说：): 我们 in the quote
    for sentence in ctx.sentences:
        p = bisect_right(para_starts, sentence.start) - 1
        if p != para:
            para, formed, speaker = p, None, None
        state.topic_before.append(chained or formed)
        last: Mention | None = None
        found = []
        for a, b in _clauses(sentence):
            subject, strong, at = _clause_subject(ctx, mentions, state, sentence, a, b, chained or formed)
            if speaker is not None and _WE.match(ctx.text, at, b):
                subject, strong = speaker, True
            if subject is not None and _SAYS.search(ctx.text, a, b):
                speaker = subject
            found.append((a, at, subject, strong))
            if subject is not None and strong:
                last = subject
        state.clauses.append(found)
        new = _formed(ctx, mentions, sentence)
        formed = new or formed
        chained = (last or chained) if sentence.text.rstrip().endswith(_CHAIN_END) else None
    ctx.memo["discourse"] = (mentions, state)
    return state


def _agent(ctx: ArticleContext, orgs: list[Mention], sentence: Sentence) -> Mention | None:
    """由X牵头 / X牵头组建 / X推出的: the agent named by the phrase."""
    for m in orgs:
        if _is_qualifier(ctx, m):
            continue  # 由X副书记Y兼任: X only names Y's post
        after = ctx.text[m.end:sentence.end]
        before = ctx.text[max(sentence.start, m.start - 1):m.start]
        if before in _AGENT_BY and not _COMPOSED.search(after[:40].split("，")[0]):
            return m
        if ctx.text[max(sentence.start, m.start - 2):m.start] in _DELEGATED_TO:
            return m  # 交给X去办: X does it
        if _AGENT.match(after):
            return m
    return None


_LATER_AGENT = re.compile(r"^(牵头|负责|主导|承办|发起)")


def _agent_later(ctx: ArticleContext, mentions: list[Mention], sentence: Sentence, pos: int) -> Mention | None:
    """由X牵头/负责 after the fact in its own clause (`企业欠薪预警这块由管委会牵头`,
    `该联合工会由镇总工会牵头组建`): the fact is the topic, X its doer."""
    end = _CLAUSE.search(ctx.text, pos, sentence.end)
    for m in orgs_in(mentions, pos, end.start() if end else sentence.end, ACTOR_TYPES):
        if ctx.text[m.start - 1:m.start] == "由" and _LATER_AGENT.match(ctx.text[m.end:m.end + 2]):
            return m
    return None


def choose_doer(ctx: ArticleContext, mentions: list[Mention], sentence: Sentence, pos: int) -> Mention | None:
    """The doer of the fact at pos (see doer_and_path)."""
    return doer_and_path(ctx, mentions, sentence, pos)[0]


def doer_and_path(ctx: ArticleContext, mentions: list[Mention], sentence: Sentence, pos: int
                  ) -> tuple[Mention | None, str]:
    """The doer of the fact at pos and the path that chose it (a rule-name tail, so that each
    path's precision can be measured): an agent phrase ("agent"), else the nearest clause subject
    before pos, inherited across the clauses of the sentence ("subject"), else the first union of
    the sentence that is no guide, locative or title qualifier ("first-union"), else one that
    qualifies a title, a union before any other body ("qualifier"), else the topic ("topic"),
    else the headline union ("headline")."""
    state = state_of(ctx, mentions)
    i = bisect_right(state.starts, sentence.start) - 1
    topic = state.topic_before[i] if 0 <= i < len(state.topic_before) else None
    orgs = [m for m in orgs_in(mentions, sentence.start, pos, ACTOR_TYPES) if not is_guide(ctx, m, sentence)]
    agent = _agent(ctx, orgs, sentence) or _agent_later(ctx, mentions, sentence, pos)
    if agent is not None:
        return agent, "agent"
    subject: Mention | None = None
    weak: Mention | None = None
    clauses = state.clauses[i] if 0 <= i < len(state.clauses) and state.starts[i] == sentence.start else [
        (a, *_reorder(_clause_subject(ctx, mentions, state, sentence, a, b, topic))) for a, b in _clauses(sentence)]
    for a, at, found, strong in clauses:
        if a >= pos:
            break
        if at >= pos:
            continue  # its subject stands after the fact
        if found is not None and strong:
            subject = found
        elif found is not None and weak is None:
            weak = found
    if subject is not None:
        return subject, "subject"
    unions = [m for m in orgs if m.type == UNION and not _is_locative(ctx, m, sentence.start)
              and not _is_qualifier(ctx, m)]
    if unions:
        return unions[0], "first-union"
    plain = [m for m in orgs if m.type == UNION and not _is_locative(ctx, m, sentence.start)]
    if weak is not None and (weak.type == UNION or not plain):
        return weak, "qualifier"
    if plain:
        return plain[0], "qualifier"
    if topic is not None:
        return topic, "topic"
    return ctx.main_union, "headline"
