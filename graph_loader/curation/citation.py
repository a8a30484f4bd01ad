"""A researcher's citation as evidence: the quote found verbatim in its document, in the article
that holds it, with offsets computed (never typed in by hand)."""

from __future__ import annotations

from graph_loader.records import Evidence, ResolvedGraph


def cite(graph: ResolvedGraph, doc_id: str, quote: str) -> Evidence | str:
    """The evidence of a researcher's citation: the quote found verbatim in the document, in the
    article that holds it; a string saying what is wrong otherwise."""
    document = next((doc for doc in graph.documents if doc.id == doc_id), None)
    if document is None:
        return f"no document {doc_id!r} in this build"
    start = document.raw_text.find(quote)
    if start < 0:
        return f"the quote is not in document {doc_id!r} (it must be copied verbatim)"
    end = start + len(quote)
    article = next((a for a in graph.articles if a.doc_id == doc_id and a.raw_start <= start < a.raw_end), None)
    if article is None:
        return f"the quote is outside every article of document {doc_id!r}"
    return Evidence(doc_id, article.id, start, end, quote, article.date)
