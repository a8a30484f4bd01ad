"""The review page's data and HTML: extracted edges, least certain first, for researchers to accept,
reject or re-date through the curation API.

Why a page of its own rather than a graph view: reviewing is reading — one edge, its two ends and the
sentence that states it, row after row — so it is a table, not a network. The rows come from the
named query `review_edges` (ordered by the extractor's rule confidence, lowest first); this module
shapes them into typed records, marks both ends in the evidence sentence (visualizations.highlight)
and renders the table. The buttons post corrections from the browser (templates/curate.html); the
server never writes, so the page stays a cached GET like every other view.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from markupsafe import Markup

from graph_loader.curation.apply import YEAR_TYPES
from ontology.labels import class_of_key
from ontology.model import get_ontology
from queries import BadQueryParameter, QueryReader
from visualizations.highlight import Mark, Segment, find_marks, segments, tidy
from visualizations.lang import concept_label, concept_name, name_pinyin, place_name, relation_name
from visualizations.model import Links
from visualizations.render import template
from visualizations.style import FONT_FACE, edge_style

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
SHOWN_CHARS = 240  # of a long evidence sentence, the stretch around both ends is shown
EXTRACTED = "extracted"
STATUS_ZH = {"extracted": "未审核", "confirmed": "已确认", "corrected": "已更正", "added": "人工添加"}


@dataclass(frozen=True)
class End:
    """One end of an edge: its key, name and aliases (aliases help find it in the sentence)."""

    key: str
    name: str
    aliases: tuple[str, ...] = ()
    name_zh: str | None = None  # in English (`lang=en`): a concept's Chinese label; `name` is its English one
    pinyin: str | None = None  # in English: an organisation's, person's or place's name in pinyin

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> End:
        return cls(str(row["key"]), str(row.get("name") or row["key"]), tuple(row.get("aliases") or ()))

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def in_language(self, lang: str) -> End:
        """The end as a page in `lang` names it (as a view's node: visualizations.model.ViewNode)."""
        label = concept_label(self.key, self.name, lang)
        found = class_of_key(self.key)
        return replace(
            self,
            name=label,
            name_zh=self.name if label != self.name else None,
            pinyin=name_pinyin(self.name, [found] if found else [], lang),
        )

    def to_json(self) -> dict[str, Any]:
        translated = {"nameZh": self.name_zh} if self.name_zh else {}
        return {"key": self.key, "name": self.name, **translated, **({"pinyin": self.pinyin} if self.pinyin else {})}


@dataclass(frozen=True)
class ReviewEvidence:
    """The first evidence sentence (tidied for reading) and where both ends are named in it."""

    quote: str
    marks: tuple[Mark, ...]
    doc_id: str | None = None
    date: str | None = None
    raw_start: int | None = None
    raw_end: int | None = None
    page: int | None = None  # the page of a PDF source

    def segments(self, width: int | None = SHOWN_CHARS) -> list[Segment]:
        return segments(self.quote, self.marks, width)

    def to_json(self) -> dict[str, Any]:
        return {
            "quote": self.quote,
            "marks": [mark.to_json() for mark in self.marks],
            "docId": self.doc_id,
            "date": self.date,
            "rawStart": self.raw_start,
            "rawEnd": self.raw_end,
            "page": self.page,
        }


@dataclass(frozen=True)
class ReviewRow:
    """One edge to review, as the table shows it and `format=json` returns it."""

    key: str
    type: str
    head: End
    tail: End
    confidence: float
    rule: str
    status: str = EXTRACTED
    year: int | None = None
    evidence: ReviewEvidence | None = None
    evidence_count: int = 0

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> ReviewRow:
        head, tail = End.from_row(row["head"]), End.from_row(row["tail"])
        found = row.get("evidence")
        evidence = None
        if found and found.get("quote"):
            quote = tidy(str(found["quote"]))
            evidence = ReviewEvidence(
                quote=quote,
                marks=find_marks(quote, head.names, tail.names, tuple(found.get("surfaces") or ())),
                doc_id=found.get("docId"),
                date=found.get("date"),
                raw_start=found.get("rawStart"),
                raw_end=found.get("rawEnd"),
                page=found.get("page"),
            )
        return cls(
            key=str(row["key"]),
            type=str(row["type"]),
            head=head,
            tail=tail,
            confidence=float(row["confidence"]),
            rule=str(row.get("rule") or ""),
            status=str(row.get("status") or EXTRACTED),
            year=row.get("year"),
            evidence=evidence,
            evidence_count=int(row.get("evidenceCount") or 0),
        )

    @property
    def dated(self) -> bool:
        """Whether the edge carries a year the curation can set (`set-year`)."""
        return self.type in YEAR_TYPES

    @property
    def type_zh(self) -> str:
        return edge_style(self.type).zh

    def in_language(self, lang: str) -> ReviewRow:
        """The row with both ends named for readers of `lang` (the marks were found with the Chinese names)."""
        return replace(self, head=self.head.in_language(lang), tail=self.tail.in_language(lang))

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "type": self.type,
            "head": self.head.to_json(),
            "tail": self.tail.to_json(),
            "confidence": self.confidence,
            "rule": self.rule,
            "status": self.status,
            "year": self.year,
            "dated": self.dated,
            "evidence": self.evidence.to_json() if self.evidence else None,
            "evidenceCount": self.evidence_count,
        }


@dataclass
class ReviewPage:
    """A page of rows and what the filter form offers."""

    rows: list[ReviewRow]
    total: int
    limit: int = DEFAULT_LIMIT
    offset: int = 0
    params: dict[str, Any] = field(default_factory=dict)
    types: list[tuple[str, int]] = field(default_factory=list)  # (type, edges matching the other filters)
    practices: list[tuple[str, str]] = field(default_factory=list)  # (id, name) for the filter
    regions: list[str] = field(default_factory=list)
    lang: str = "zh"  # the page's language (visualizations.lang); set by in_language

    def in_language(self, lang: str) -> ReviewPage:
        """The page for readers of `lang`: ends and the practice filter by English labels, names with pinyin."""
        if lang == self.lang:
            return self
        return replace(
            self,
            rows=[row.in_language(lang) for row in self.rows],
            practices=[(pid, concept_name(pid, name, lang)) for pid, name in self.practices],
            lang=lang,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "view": "review",
            "total": self.total,
            "limit": self.limit,
            "offset": self.offset,
            "params": self.params,
            "types": [{"type": name, "count": count} for name, count in self.types],
            "rows": [row.to_json() for row in self.rows],
        }


def check_type(rel_type: str | None) -> str | None:
    """The relationship type in upper case, if the ontology knows it; a bad-parameter error otherwise."""
    if rel_type is None or not rel_type.strip():
        return None
    name = rel_type.strip().upper()
    try:
        return get_ontology().rel(name)
    except KeyError as error:
        raise BadQueryParameter(f"type: {error.args[0]}") from None


def review_page(
    reader: QueryReader,
    practice: str | None = None,
    rel_type: str | None = None,
    region: str | None = None,
    status: str | None = None,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
    with_options: bool = True,
) -> ReviewPage:
    """One page of edges to review; an unknown practice, type or region is a bad parameter (422)."""
    if status and status not in STATUS_ZH:
        raise BadQueryParameter(f"status: {status!r} is not one of {', '.join(STATUS_ZH)}")
    params = {
        "practice": practice or None,
        "type": check_type(rel_type),
        "region": region or None,
        "status": status or None,
    }
    rows = reader.rows("review_edges", limit=limit, offset=offset, **params)
    row = rows[0] if rows else {"total": 0, "items": [], "types": [], "practiceFound": True, "regionFound": True}
    if not row["practiceFound"]:
        raise BadQueryParameter(f"practice: no practice or practice category with id {practice!r}")
    if not row["regionFound"]:
        raise BadQueryParameter(f"region: no place named {region!r}")
    page = ReviewPage(
        rows=[ReviewRow.from_row(item) for item in row["items"]],
        total=int(row["total"]),
        limit=limit,
        offset=offset,
        params={name: value for name, value in params.items() if value is not None},
        types=[(item["type"], int(item["count"])) for item in row["types"]],
    )
    if with_options:
        page.practices = [(p["id"], p["name"]) for p in reader.rows("practices")]
        page.regions = [r["name"] for r in reader.rows("regions")]
    return page


def _pages(page: ReviewPage, links: Links) -> dict[str, str | None]:
    """Links to the previous and next page with the same filters."""
    before = max(page.offset - page.limit, 0)
    after = page.offset + page.limit
    return {
        "previous": links.review(**page.params, limit=page.limit, offset=before) if page.offset > 0 else None,
        "next": links.review(**page.params, limit=page.limit, offset=after) if after < page.total else None,
    }


def render_review(page: ReviewPage, links: Links = Links()) -> str:
    """The review page: filters, the token form, and a table of edges with accept/reject/fix-year buttons."""
    return template("review.html").render(
        page=page,
        links=links,
        pages=_pages(page, links),
        statuses=STATUS_ZH,
        type_options=type_options(page.types, page.params.get("type"), links.lang),
        region_options=[(name, place_name(name, links.lang)) for name in page.regions],
        width=SHOWN_CHARS,
        font_face=Markup(FONT_FACE),
    )


def type_options(
    types: Sequence[tuple[str, int]], chosen: str | None = None, lang: str = "zh"
) -> list[tuple[str, str]]:
    """(value, label) of the type filter: every type among the matches, with its name in `lang` and count
    (and the chosen one even when nothing matches it, so the form shows what was asked)."""
    counts = dict(types)
    if chosen and chosen not in counts:
        counts[chosen] = 0
    return [
        (name, f"{relation_name(name, edge_style(name).zh, lang) or name} {name} ({count})")
        for name, count in sorted(counts.items())
    ]
