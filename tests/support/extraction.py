"""Extract one invented article the way the pipeline does, without a file or a segmenter."""

from __future__ import annotations

from graph_loader.extract import build_context, extract_article, find_mentions, find_relations
from graph_loader.extract.article_resolution import resolve_article
from graph_loader.extract.base import Mention, RelMention
from graph_loader.extract.context import ArticleContext
from graph_loader.extract.inference import infer
from graph_loader.records import Article, ArticleExtraction, NormalizedDocument, SourceDocument


def _article(text: str, title: str | None, date: str) -> tuple[Article, NormalizedDocument]:
    source = SourceDocument("t", "t.txt", text, "0", "utf-8", date=date)
    ndoc = NormalizedDocument(source, text, tuple(range(len(text) + 1)))
    heading = text.split("\n", 1)[0] if title is None else title
    return Article("t", 0, heading, text, 0, len(text), 0, len(text), date), ndoc


def extract_text(text: str, title: str | None = None, date: str = "2020-01-01") -> ArticleExtraction:
    """The extraction of `text` as one article (title: its first line unless given), dated `date`."""
    return extract_article(*_article(text, title, date))


def resolved_text(text: str, title: str | None = None, date: str = "2020-01-01"
                  ) -> tuple[ArticleContext, list[Mention]]:
    """The resolved context and mentions of `text` as one article (before any relation)."""
    article, ndoc = _article(text, title, date)
    ctx = build_context(article, ndoc)
    mentions = find_mentions(ctx)
    return resolve_article(ctx, mentions), mentions


def inferred_text(text: str, title: str | None = None, date: str = "2020-01-01") -> list[RelMention]:
    """The edges the inference layer adds for `text` as one article, before records merge them
    with the cue-found edges of the same facts (so a test sees each rule's own edges and props)."""
    ctx, mentions = resolved_text(text, title, date)
    return infer(ctx, mentions, find_relations(ctx, mentions))
