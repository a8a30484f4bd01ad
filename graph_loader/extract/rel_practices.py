"""ADOPTS (organisation → practice), dated where the text states when the practice began.

Why cue + actor: a practice cue alone is not an adoption (practices.yaml). A cue — or a frame
that describes the practice without one (practice_frames, rule "adoptions.frame") — counts when
it is not part of a name, not in a host word, passing frame or honour title (cue_context), the
sentence is not a plan, its context words are present where the cue is loose (帮扶, 优惠), and an
actor is found (actors.doer_and_path; its path names the rule — adoptions.agent, .subject,
.first-union, .qualifier, .topic, .headline — so each path's precision is measured apart).
A 联合工会/工会联合会 the article is about adopts joint-union formation (rule
"adoptions.joint-form"), dated by its founding sentence only (a heading's neighbour dates the
carrier or the chair, not the union).
Years come from text.dates.adoption_date, the one rule evidence_dates also uses.
"""

from __future__ import annotations

import bisect
import functools
import re

from graph_loader.extract.actors import doer_and_path, is_plan, relate
from graph_loader.extract.base import Mention, RelMention, Sentence
from graph_loader.extract.context import ArticleContext
from graph_loader.extract.cue_context import CueContext
from graph_loader.extract.mention_index import index_of
from graph_loader.extract.practice_frames import find_frames
from graph_loader.reference.lexicon import (
    ADOPTS,
    CARRIER,
    PARTY,
    PERSON,
    UNION,
    alternation,
    founding_words,
    practice_lexicon,
    practice_rules,
    union_suffix_forms,
)
from graph_loader.text.dates import adoption_date, find_dates

JOINT = "joint-union-formation"
JOINT_FORMS = {"联合工会", "工会联合会"}


class _Names:
    """Organisation, carrier and person names of an article, sorted by start: a cue inside one
    is part of that name. A bisect finds the names that can cover a span (they start at most
    `longest` characters before it), so the check is linear overall, not mentions × cues."""

    def __init__(self, mentions: list[Mention]) -> None:
        kinds = (UNION, PARTY, CARRIER, PERSON)
        self.spans = sorted((m.start, m.end) for m in mentions if m.type in kinds)
        self.starts = [a for a, _ in self.spans]
        self.longest = max((b - a for a, b in self.spans), default=0)

    def cover(self, start: int, end: int) -> bool:
        lo = bisect.bisect_left(self.starts, start - self.longest)
        hi = bisect.bisect_right(self.starts, start)
        return any(b >= end for _, b in self.spans[lo:hi])


def previous_year(ctx: ArticleContext, sentence: Sentence) -> int | None:
    """The last year the sentence before `sentence` states (what 当年/同年 refer to)."""
    index = bisect.bisect_left(ctx.sentences, sentence.start, key=lambda s: s.start) - 1
    if index < 0:
        return None
    years = [m.value[:4] for m in find_dates(ctx.sentences[index].text, ctx.article.date)
             if m.value and not m.phrase.startswith(("近", "当年", "同年"))]
    return int(years[-1]) if years else None


# A body that opens with a bare year (`2018年，某某工会…`) reports that year's work.
_PERIOD_LEAD = re.compile(r"\s*((?:19|20)\d{2})\s?年(?:以来)?[，,]")


def period_year(ctx: ArticleContext) -> int | None:
    """The year an article's body opens with as its period (`2018年，X工会按照…`), which
    dates what the article reports of its headline union where a sentence states no date of
    its own; None when the first line after the heading's line does not open so, or the year
    lies after the article's date (a target, not a period)."""
    if ctx.heading_span == (0, 0):
        body = 0  # no heading in the text: the body opens it
    else:
        line_end = ctx.text.find("\n", ctx.heading_span[1])
        if line_end < 0:
            return None
        body = line_end + 1
    found = _PERIOD_LEAD.match(ctx.text, body)
    if found is None:
        return None
    year = int(found.group(1))
    published = ctx.article.date[:4]
    return None if published.isdigit() and year > int(published) else year


def stated_year(ctx: ArticleContext, sentence: Sentence, pos: int, end: int | None = None) -> int | None:
    """The year the sentence states for the start of the fact at pos (its cue ending at `end`:
    `2019年…创办`), for ADOPTS.year; the article's own date never counts (text.dates.adoption_date)."""
    before = previous_year(ctx, sentence) if "当年" in sentence.text or "同年" in sentence.text else None
    found = adoption_date(sentence.text, pos - sentence.start, ctx.article.date, before,
                          None if end is None else end - sentence.start)
    return int(found.value[:4]) if found else None


_BREAK = re.compile(r"[，,；;。\n]")
# After `联合工会成立`: the union's own founding (成立，/成立于/成立大会/成立两周年), not the union
# founding something else (联合工会成立调解委员会).
OWN_FOUNDING_END = re.compile(r"[，,；;。！!\s]|$|于|以来|后|时|仪式|大会|满|[一二两三四五六七八九十\d]+周年")


@functools.cache
def founding_pattern() -> re.Pattern[str]:
    """Any founding word (lexicon `founding_words`), compiled once for every caller."""
    return re.compile(alternation(founding_words()))


def founded_in(text: str) -> bool:
    """Does the text report a founding (lexicon `founding_words`)?"""
    return founding_pattern().search(text) is not None


@functools.cache
def _form_words(alliance: bool = False) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The union's form word right before a founding verb (`小镇工会联合会正式成立`) or as its
    object (`组建工会联合会`, `成立了小镇联合工会`, `结成联盟`), with no clause mark in between:
    the suffixes of the joint forms (lexicon) and their short anaphor 联合会 (该联合会), or for an
    alliance of unions its suffixes and 联盟."""
    if alliance:
        forms = [w for w, form in union_suffix_forms().items() if "联盟" in form] + ["联盟"]
    else:
        forms = [w for w, form in union_suffix_forms().items() if form in JOINT_FORMS] + ["联合会"]
    word = f"(?:{alternation(forms)})"
    return re.compile(word + r"(?:[^，,；;。\n]{0,4}|于[^，,；;。\n]{0,10})$"), \
        re.compile(r"了?[^，,；;。\n]{0,24}?" + word if alliance else r"了?[^，,；;。\n]{0,10}?" + word)


def founding_year(ctx: ArticleContext, mentions: list[Mention], union: Mention,
                  by_form_word: bool = True, alliance: bool = False) -> int | None:
    """The year the text gives to the founding of `union` (`2018年10月，小镇工会联合会正式成立`,
    `联合会于2018年挂牌`, `牵头组建了…联合工会`).

    Read in the first sentence where a founding verb has the union as its subject or object, in
    one clause: a mention of it, or (`by_form_word`, for the union the article is about) the
    word of its form (联合会, 联合工会; 联盟 for an `alliance`). A founding date of the carrier (`小镇成立于2016年`), a
    chair's birth year or the union founding something else (`联合工会成立调解委员会`) is not it.
    Linear: the article's founding verbs are found once, and without the form word only the
    verbs next to a mention of the union (a bisect) are read.
    """
    own = _Own(index_of(mentions).with_key(union.key))
    before, after = _form_words(alliance)
    verbs = _founding_verbs(ctx)
    candidates = range(len(verbs.found)) if by_form_word else verbs.near(own)
    for k in candidates:
        sentence, verb = verbs.found[k]
        text = sentence.text
        a, b = sentence.start + verb.start(), sentence.start + verb.end()
        own_founding = verb.group(0)[0] in "第首" or OWN_FOUNDING_END.match(text, verb.end())
        subject = by_form_word and own_founding and before.search(text[max(0, verb.start() - 14):verb.start()])
        obj = by_form_word and after.match(text, verb.end())
        if subject or obj or own.named(ctx.text, a, b, bool(own_founding)):
            year = stated_year(ctx, sentence, a)
            if year is not None:
                return year
    return None


class _Own:
    """The mentions of one union, by start and by end: is one of them the founding verb's object
    (within 12 characters after it, in its clause) or, for the union's own founding, its subject
    (within 12 before)? The nearest one decides: a clause break before it is before all farther."""

    def __init__(self, own: list[Mention]) -> None:
        self.starts = sorted(m.start for m in own)
        self.ends = sorted(m.end for m in own)

    def named(self, text: str, a: int, b: int, own_founding: bool) -> bool:
        k = bisect.bisect_left(self.starts, b)
        if k < len(self.starts) and self.starts[k] <= b + 12 and not _BREAK.search(text, b, self.starts[k]):
            return True
        k = bisect.bisect_right(self.ends, a) - 1
        return own_founding and k >= 0 and self.ends[k] >= a - 12 and not _BREAK.search(text, self.ends[k], a)


class _Verbs:
    """Every founding verb of an article, in text order, with their start and end offsets."""

    def __init__(self, ctx: ArticleContext) -> None:
        self.text, self.sentences = ctx.text, ctx.sentences
        self.found = [(s, v) for s in ctx.sentences for v in founding_pattern().finditer(s.text)]
        self.starts = [s.start + v.start() for s, v in self.found]
        self.ends = [s.start + v.end() for s, v in self.found]

    def near(self, own: _Own) -> list[int]:
        """Indexes of the verbs a mention of the union starts at most 12 after, or ends at most
        12 before (the only ones `_Own.named` can accept), in text order."""
        near: set[int] = set()
        for start in own.starts:  # verb end b with b <= start <= b + 12
            near.update(range(bisect.bisect_left(self.ends, start - 12), bisect.bisect_right(self.ends, start)))
        for end in own.ends:  # verb start a with a - 12 <= end <= a
            near.update(range(bisect.bisect_left(self.starts, end), bisect.bisect_right(self.starts, end + 12)))
        return sorted(near)


_VERBS: list[_Verbs] = []


def _founding_verbs(ctx: ArticleContext) -> _Verbs:
    """The founding verbs of the article (found once per article, not once per union asked about)."""
    if _VERBS and _VERBS[0].text is ctx.text and _VERBS[0].sentences is ctx.sentences:
        return _VERBS[0]
    _VERBS[:] = [_Verbs(ctx)]
    return _VERBS[0]


def _hits(sentence: Sentence) -> list[tuple[int, int, str, tuple[str, ...], str]]:
    """(start, end, surface, practice ids, rule) of every cue and frame in the sentence."""
    lex = practice_lexicon()
    hits = [(a, b, cue, lex.by_cue[cue], "") for a, b, cue in lex.find(sentence.text)]
    hits += [(f.start, f.end, f.surface, (f.practice,), "adoptions.frame") for f in find_frames(sentence.text)]
    return hits


# How often another union must be the explicit subject of the article's practices, and more
# often than the headline union, to be "the explicit actor throughout" (see _explicit_actor).
_ACTOR_MIN = 3


def _explicit_actor(ctx: ArticleContext, doers: list[tuple[Mention, str]]) -> Mention | None:
    """The union the article names as the doer of its practices more often than its headline
    union (a report headed by a 商圈工会 whose every paragraph says 街道总工会…): the practices
    with no named doer are that union's too, not the heading's. None when the headline union
    is the explicit subject as often, no other union is named at least `_ACTOR_MIN` times, or
    the most named one is not the doer of most named practices or is first named only after the
    article's first third (a review of many unions)."""
    main = ctx.main_union
    if main is None:
        return None
    counts: dict[str, int] = {}
    first: dict[str, Mention] = {}
    for doer, path in doers:
        if path in ("subject", "agent") and doer.type == UNION and doer.name:
            counts[doer.name] = counts.get(doer.name, 0) + 1
            if doer.name not in first or doer.start < first[doer.name].start:
                first[doer.name] = doer
    if not counts:
        return None
    best = max(counts, key=lambda n: counts[n])
    if best == main.name or counts[best] < _ACTOR_MIN or counts[best] <= counts.get(main.name, 0):
        return None
    named_at = min((m.start for m in ctx.mentions if m.name == best), default=first[best].start)
    if 2 * counts[best] <= sum(counts.values()) or 3 * named_at > len(ctx.text):
        return None  # a review naming many unions, or one only late in it, has no one actor throughout
    return first[best]


def adoptions(ctx: ArticleContext, mentions: list[Mention]) -> list[RelMention]:
    """ADOPTS from practice cues and frames (see module docstring), dated by `stated_year`."""
    needs = practice_rules().get("needs_context", {})
    names = _Names(mentions)
    found: list[tuple[Sentence, int, int, str, str, Mention, str, str]] = []
    for sentence in ctx.sentences:
        hits = _hits(sentence)
        where = CueContext.of(sentence.text) if hits else None
        for start, end, cue, practices, rule in hits:
            a, b = sentence.start + start, sentence.start + end
            if names.cover(a, b) or is_plan(ctx, sentence, a):
                continue
            pids = [pid for pid in practices if where is None or not where.blocks(start, end, pid)]
            doer, path = doer_and_path(ctx, mentions, sentence, a) if pids else (None, "")
            if doer is None or (path == "qualifier" and not rule):
                continue  # X专职副主席Y…: X only qualifies a post; a person, not X, acts here
            for pid in pids:
                words = needs.get(pid)
                if not rule and words and not any(w in sentence.text for w in words):
                    continue
                found.append((sentence, a, b, cue, pid, doer, path, rule))
    actor = _explicit_actor(ctx, [(doer, path) for *_, doer, path, _ in found])
    out: list[RelMention] = []
    for sentence, a, b, cue, pid, doer, path, rule in found:
        if path == "headline" and actor is not None:
            doer = actor
        year = stated_year(ctx, sentence, a, b)
        if year is None and path == "headline":
            year = period_year(ctx)
        out.append(relate(ctx, mentions, ADOPTS, doer, f"practice:{pid}", sentence, (a, b, cue),
                          rule=rule or f"adoptions.{path}", year=year))
    main = ctx.main_union
    if main is not None and main.props.get("form") in JOINT_FORMS:
        sentence = ctx.sentence_at(main.start)
        out.append(relate(ctx, mentions, ADOPTS, main, f"practice:{JOINT}", sentence,
                          (main.start, main.end, main.surface), rule="adoptions.joint-form",
                          year=founding_year(ctx, mentions, main)))
    return out
