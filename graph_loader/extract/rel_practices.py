"""ADOPTS (organisation → practice), OPERATES (organisation → brand), INSTANCE_OF (brand → practice).

Why cue + actor: a practice cue alone is not an adoption (practices.yaml). A cue counts when
the sentence is not a plan, its context words are present where the cue is loose (帮扶, 优惠),
and an actor is found: the union named before it in the sentence, else a 团委/管委会 that opens
the sentence, else the union the article is about.
"""

from __future__ import annotations

from graph_loader.extract.actors import actor, is_plan, relate
from graph_loader.extract.base import Mention, RelMention, Sentence
from graph_loader.extract.context import ArticleContext
from graph_loader.reference.lexicon import (
    ADOPTS,
    CARRIER,
    PARTY,
    PERSON,
    UNION,
    practice_lexicon,
    practice_rules,
)
from graph_loader.text.dates import stated_date

JOINT = "joint-union-formation"
JOINT_FORMS = {"联合工会", "工会联合会"}


def _masked(mentions: list[Mention], start: int, end: int) -> bool:
    """A cue inside an organisation, carrier or person name is part of that name."""
    names = (UNION, PARTY, CARRIER, PERSON)
    return any(m.start <= start and end <= m.end and m.type in names for m in mentions)


def stated_year(ctx: ArticleContext, sentence: Sentence, pos: int) -> int | None:
    """The year the sentence states for the fact at pos (`2019年…创办`), for ADOPTS.year."""
    found = stated_date(sentence.text, pos - sentence.start, ctx.article.date)
    return int(found.value[:4]) if found else None


def adoptions(ctx: ArticleContext, mentions: list[Mention]) -> list[RelMention]:
    lex = practice_lexicon()
    needs = practice_rules().get("needs_context", {})
    out: list[RelMention] = []
    for sentence in ctx.sentences:
        for start, end, cue in lex.find(sentence.text):
            a, b = sentence.start + start, sentence.start + end
            if _masked(mentions, a, b) or is_plan(ctx, sentence, a):
                continue
            doer = actor(ctx, mentions, sentence, a)
            if doer is None:
                continue
            for pid in lex.by_cue[cue]:
                words = needs.get(pid)
                if words and not any(w in sentence.text for w in words):
                    continue
                out.append(relate(ctx, mentions, ADOPTS, doer, f"practice:{pid}", sentence, (a, b, cue),
                                  year=stated_year(ctx, sentence, a)))
    main = ctx.main_union
    if main is not None and main.props.get("form") in JOINT_FORMS:
        sentence = ctx.sentence_at(main.start)
        out.append(relate(ctx, mentions, ADOPTS, main, f"practice:{JOINT}", sentence,
                          (main.start, main.end, main.surface), year=stated_year(ctx, sentence, main.start)))
    return out
