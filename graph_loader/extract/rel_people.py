"""HOLDS_POSITION (person → organisation, `title`) and AUTHORED (person → article).

Why: posts are written "<organisation><title>、<organisation><title><name>"; each pair of an
organisation mention ending where a title starts gives one edge, so 兼任 posts give two.
"""

from __future__ import annotations

import functools
import re

from graph_loader.extract.actors import relate
from graph_loader.extract.base import Mention, RelMention, Sentence
from graph_loader.extract.context import ArticleContext
from graph_loader.extract.lexicon import AUTHORED, HOLDS_POSITION, ORGANIZATION_TYPES, PERSON, person_grammar


@functools.cache
def _title_end_re() -> re.Pattern[str]:
    titles = sorted(person_grammar()["titles"], key=len, reverse=True)
    return re.compile("(" + "|".join(map(re.escape, titles)) + ")$")


def positions(ctx: ArticleContext, mentions: list[Mention]) -> list[RelMention]:
    out: list[RelMention] = []
    orgs = [m for m in mentions if m.type in ORGANIZATION_TYPES and m.name and not m.drop]
    by_end: dict[int, Mention] = {}
    for m in orgs:
        if m.end not in by_end or by_end[m.end].start > m.start:
            by_end[m.end] = m
    for person in (m for m in mentions if m.type == PERSON and "title_start" in m.props):
        pos = person.start
        text = ctx.text
        sentence = ctx.sentence_at(person.start)
        for _ in range(4):
            t = _title_end_re().search(text[max(0, pos - 10):pos])
            if not t:
                break
            title = t.group(1)
            tstart = pos - len(title)
            org = by_end.get(tstart)
            if org is not None:
                span = Sentence(org.start, person.end, text[org.start:person.end])
                out.append(relate(ctx, mentions, HOLDS_POSITION, person, org, span, title=title))
                pos = org.start
            else:
                pos = tstart
            if pos > 0 and text[pos - 1] in "、，,":
                pos -= 1
            elif org is None:
                continue
            else:
                break
        del sentence
    return out


def authorship(ctx: ArticleContext, mentions: list[Mention]) -> list[RelMention]:
    out: list[RelMention] = []
    for person in (m for m in mentions if m.type == PERSON and m.props.get("role")):
        sentence = ctx.sentence_at(person.start)
        title = ctx.article.title or ctx.article.id
        out.append(RelMention(AUTHORED, person, title, sentence.start, sentence.end,
                              {"role": person.props["role"]}, person.surface, ""))
    return out
