"""Extract one invented article the way the pipeline does, without a file or a segmenter."""

from __future__ import annotations

from graph_loader.extract import extract_article
from graph_loader.records import Article, ArticleExtraction, NormalizedDocument, SourceDocument


def extract_text(text: str, title: str | None = None, date: str = "2020-01-01") -> ArticleExtraction:
    """The extraction of `text` as one article (title: its first line unless given), dated `date`."""
    source = SourceDocument("t", "t.txt", text, "0", "utf-8", date=date)
    ndoc = NormalizedDocument(source, text, tuple(range(len(text) + 1)))
    heading = text.split("\n", 1)[0] if title is None else title
    return extract_article(Article("t", 0, heading, text, 0, len(text), 0, len(text), date), ndoc)
