"""Shared records and helpers of the extractors: mentions, sentences, evidence spans.

Why: every entity family finds `Mention`s (a typed surface form with offsets in the article's
normalised text) and every relation family emits `RelMention`s between mentions or concept ids.
Resolution to canonical names happens later (graph_loader.resolve), so extractors stay simple
and the evidence always quotes the surface forms that were actually seen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from graph_loader.records import Article, Evidence, NormalizedDocument

SENTENCE_END = re.compile(r"[。！？!?；;]|\n\s*\n|\n(?=\S{0,30}\n)")


@dataclass(eq=False)
class Mention:
    """A surface form of an entity in one article (offsets into `Article.text`)."""

    type: str
    surface: str
    start: int
    end: int
    props: dict[str, Any] = field(default_factory=dict)
    name: str = ""  # canonical name, set by resolve
    generic: bool = False  # a relative reference (小镇工会, 市总工会) resolved from context
    drop: bool = False  # set by resolve when the mention names nothing

    @property
    def key(self) -> tuple[str, str]:
        return (self.type, self.name or self.surface)


@dataclass(eq=False)
class RelMention:
    """A relation seen in one article. Ends are mentions, or `practice:<id>` / `program:<id>`."""

    type: str
    head: Mention | str
    tail: Mention | str
    start: int  # evidence span in article text (covers both ends' surface forms)
    end: int
    props: dict[str, Any] = field(default_factory=dict)
    head_surface: str = ""
    tail_surface: str = ""
    rule: str = ""  # the rule (or inference) that produced it; its confidence is in reference/data/rules.yaml


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with offsets. A blank line, 。！？； and a short heading line end a sentence."""
    out: list[Sentence] = []
    pos = 0
    for m in SENTENCE_END.finditer(text):
        end = m.end()
        if text[pos:end].strip():
            out.append(Sentence(pos, end, text[pos:end]))
        pos = end
    if text[pos:].strip():
        out.append(Sentence(pos, len(text), text[pos:]))
    return out


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans (blank-line separated) of the article text."""
    out = []
    pos = 0
    for m in re.finditer(r"\n\s*\n", text):
        if text[pos:m.start()].strip():
            out.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        out.append((pos, len(text)))
    return out


def make_evidence(article: Article, ndoc: NormalizedDocument, start: int, end: int) -> Evidence:
    """Evidence for [start, end) of the article text: raw offsets via the normaliser's map."""
    start = max(0, start)
    end = min(len(article.text), max(end, start + 1))
    quote_text = article.text[start:end].strip()
    lead = len(article.text[start:end]) - len(article.text[start:end].lstrip())
    start += lead
    end = start + len(quote_text)
    raw_start, raw_end = ndoc.raw_span(article.start + start, article.start + end)
    return Evidence(
        doc_id=article.doc_id,
        article_id=article.id,
        raw_start=raw_start,
        raw_end=raw_end,
        quote=ndoc.source.raw_text[raw_start:raw_end],
        date=article.date,
        start=start,
        end=end,
    )
