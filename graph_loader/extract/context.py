"""The article context that extractors and resolve share: heading, places, sentences.

Why: canonical names take the administrative prefix that the heading or the text gives
(小镇工会 in the report on 杭州市余杭区梦想小镇 is that town's union), and relative references
(市总工会, 街道总工会) are resolved against the places the article names.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from graph_loader.extract.base import Mention, Sentence, make_evidence, split_sentences
from graph_loader.records import Article, Evidence, NormalizedDocument
from graph_loader.reference.gazetteer import Place, gazetteer
from graph_loader.reference.towns import find_towns


@dataclass
class ArticleContext:
    article: Article
    ndoc: NormalizedDocument
    sentences: list[Sentence]
    heading: str
    heading_span: tuple[int, int]  # where the heading sits in article.text ((0, 0) if absent)
    county: Place | None = None
    city: Place | None = None
    towns: list[tuple[int, int, str]] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    main_union: Mention | None = None
    main_carrier: Mention | None = None
    county_from_heading: bool = False
    # per-article caches of derived structures (plan paragraphs, discourse state); not copied by
    # dataclasses.replace, so a context with other mentions starts afresh
    memo: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def text(self) -> str:
        return self.article.text

    def evidence(self, start: int, end: int) -> Evidence:
        return make_evidence(self.article, self.ndoc, start, end)

    def sentence_at(self, pos: int) -> Sentence:
        """The sentence around pos (a bisect: sentences are in text order and disjoint)."""
        index = bisect_right(self.sentences, pos, key=lambda s: s.start) - 1
        if index >= 0 and pos < self.sentences[index].end:
            return self.sentences[index]
        return Sentence(max(0, pos - 1), min(len(self.text), pos + 1), self.text[max(0, pos - 1):pos + 1])

    def in_heading(self, mention: Mention) -> bool:
        a, b = self.heading_span
        return a <= mention.start < b


def build_context(article: Article, ndoc: NormalizedDocument) -> ArticleContext:
    """Sentences, heading position and the article's county/city (heading first, then text)."""
    text = article.text
    heading = " ".join(p for p in (article.title, article.subtitle, article.unit) if p)
    span = (0, 0)
    if article.title:
        pos = text.find(article.title[:12])
        if 0 <= pos < 400:
            span = (pos, pos + len(article.title))
    if span == (0, 0):
        first = text.split("\n", 1)[0]
        span = (0, len(first)) if len(first) < 60 else (0, 0)
    ctx = ArticleContext(article, ndoc, split_sentences(text), heading, span)
    gaz = gazetteer()
    sources = (article.unit, article.title, article.subtitle, text[span[0]:span[1]], text[:600], text)
    for index, source in enumerate(sources):
        if not source:
            continue
        if index > 3 and ctx.county is None and ctx.city is None:
            ctx.county_from_heading = False
        elif index <= 3:
            ctx.county_from_heading = True
        for match in gaz.find(source):
            county, city, used = gaz.parse_prefix(source[match.start:])
            if county or city:
                if county and not ctx.county:
                    ctx.county = county
                    ctx.city = gaz.places.get(county.city, city)
                elif city and not ctx.city:
                    ctx.city = city
                if ctx.county:
                    break
        if ctx.county:
            break
    if ctx.county is None:
        ctx.county_from_heading = False
    ctx.towns = find_towns(text)
    return ctx
