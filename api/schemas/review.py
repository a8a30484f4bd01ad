"""The review page's JSON (`GET /views/review?format=json`): edges to review, least certain first.

Kept beside the other schemas but in a module of its own, so the rows shaped by
visualizations.review are documented in /openapi.json as exactly what the page draws.
"""

from __future__ import annotations

from typing import Any

from api.schemas.base import Number, Row


class ReviewEnd(Row):
    key: str
    name: str
    nameZh: str | None = None  # lang=en: a concept's Chinese label (`name` is its English one)
    pinyin: str | None = None  # lang=en: an organisation's, person's or place's name in pinyin


class ReviewMark(Row):
    """Characters [start, end) of `quote` name the edge's head or tail (`role`)."""

    start: int
    end: int
    role: str


class ReviewEvidence(Row):
    """The first evidence sentence, tidied for reading (line breaks of the PDF text removed)."""

    quote: str
    marks: list[ReviewMark]
    docId: str | None
    date: str | None
    rawStart: int | None
    rawEnd: int | None
    page: int | None = None  # the page of a PDF source


class ReviewItem(Row):
    """One extracted edge: `dated` says whether it carries a year that `set-year` can correct."""

    key: str
    type: str
    head: ReviewEnd
    tail: ReviewEnd
    confidence: Number
    rule: str
    status: str
    year: int | None
    dated: bool
    evidence: ReviewEvidence | None
    evidenceCount: int


class ReviewTypeCount(Row):
    type: str
    count: int


class ReviewData(Row):
    """One page of edges to review; `types` counts the matches of the other filters per type."""

    view: str
    total: int
    limit: int
    offset: int
    params: dict[str, Any]
    types: list[ReviewTypeCount]
    rows: list[ReviewItem]
