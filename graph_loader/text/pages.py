"""Page numbers for evidence from a PDF: raw offset → page, through the document's page map.

Why a stage of its own: the extractors know offsets, not pages, and need not learn about PDFs;
a quote's page follows from where its raw span starts (`SourceDocument.page_starts`). Text
documents have no page map, and their evidence keeps `page=None`.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import replace

from graph_loader.records import ArticleExtraction, Evidence, SourceDocument


def page_at(page_starts: Sequence[int], offset: int) -> int | None:
    """The 1-based page holding raw offset `offset`, or None for a document without pages.
    An empty page shares its start with the next one, so text there counts on the later page."""
    if not page_starts:
        return None
    return max(1, bisect.bisect_right(page_starts, offset))


def with_pages(extraction: ArticleExtraction, source: SourceDocument) -> ArticleExtraction:
    """The extraction with every evidence of `source` given its page (a new record); unchanged
    for a document without a page map."""
    if not source.page_starts:
        return extraction

    def paged(evidence: list[Evidence]) -> list[Evidence]:
        return [
            replace(ev, page=page_at(source.page_starts, ev.raw_start)) if ev.doc_id == source.id else ev
            for ev in evidence
        ]

    return replace(
        extraction,
        entities=[replace(entity, evidence=paged(entity.evidence)) for entity in extraction.entities],
        relations=[replace(relation, evidence=paged(relation.evidence)) for relation in extraction.relations],
    )
