"""Joint unions the text reports founding, and the unions that led the founding.

Why apart from the union finder: a 联合工会 named in passing is not a practice (gold format:
"a joint union only named in passing gets nothing"), but one the text reports founding is — it
was formed for the firms of an area or industry — and so is the body that led the founding
("X牵头组建 / 推动成立" gives it to X; "在X指导下，Y成立…" gives it to Y only).

A founding is read in one sentence: a founding word (lexicon `founding_words`) before the union
in its clause (`成立了A联合工会、B联合工会`: a list is one clause) or right after it with no
object (`A联合工会组建成立，`, `…正式挂牌。`). Its leaders are the other unions of the sentence
before the founding word that a lead word (`founding_leads`: 牵头, 推动, 发起) follows, unless
the union is only a guide (discourse.is_guide: 在X指导下, X指导…). A planned founding (拟组建) is none.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from graph_loader.extract.actors import is_plan
from graph_loader.extract.base import Mention, Sentence
from graph_loader.extract.context import ArticleContext
from graph_loader.extract.discourse import is_guide
from graph_loader.extract.mention_index import index_of
from graph_loader.extract.rel_practices import OWN_FOUNDING_END, founding_pattern
from graph_loader.reference.lexicon import UNION, alternation, practice_rules

_CLAUSE = re.compile(r"[，,；;。！？!?：:]")


@dataclass(frozen=True)
class Founding:
    """A joint union the sentence reports founding, and the unions that led it."""

    union: Mention
    sentence: Sentence
    verb: int  # article offset of the founding word
    leaders: tuple[Mention, ...]


@functools.cache
def _words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    return founding_pattern(), re.compile(alternation(practice_rules().get("founding_leads", [])))


@functools.cache
def _verb_after() -> re.Pattern[str]:
    """A founding word at most four characters after a union (`…联合工会正式成立`)."""
    return re.compile(r"[^，,；;。]{0,4}?(?:" + _words()[0].pattern + ")")


def _founded(text: str, start: int, end: int) -> int | None:
    """Offset (in text) of the founding word that founds the union at [start, end), or None."""
    verbs, _ = _words()
    clause_start = max((m.end() for m in _CLAUSE.finditer(text, 0, start)), default=0)
    before = list(verbs.finditer(text, clause_start, start))
    if before:
        return before[-1].start()
    after = _verb_after().match(text, end)
    if after and OWN_FOUNDING_END.match(text, after.end()):
        return after.end() - 1
    return None


def foundings(ctx: ArticleContext, mentions: list[Mention], joint: frozenset[str],
              form_of: Callable[[Mention], str]) -> list[Founding]:
    """Every joint union (a form in `joint`, per `form_of`) the article reports founding."""
    verbs, leads = _words()
    index = index_of(mentions)
    out: list[Founding] = []
    for sentence in ctx.sentences:
        text = sentence.text
        if not verbs.search(text):
            continue
        unions = [m for m in index.starting_in(sentence.start, sentence.end)
                  if m.type == UNION and not m.drop and m.name]
        for m in unions:
            if form_of(m) not in joint:
                continue
            verb = _founded(text, m.start - sentence.start, m.end - sentence.start)
            if verb is None or is_plan(ctx, sentence, sentence.start + verb):
                continue
            leaders = []
            for other in unions:
                b = other.end - sentence.start
                if other.name == m.name or b > verb:
                    continue
                if leads.search(text, b, verb + 1) and not is_guide(ctx, other, sentence):
                    leaders.append(other)
            out.append(Founding(m, sentence, sentence.start + verb, tuple(leaders)))
    return out
