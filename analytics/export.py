"""CSV export of adoption events: one row per event, for R, Stata, pandas (docs/diffusion.md).

UTF-8 with a header row, comma-separated, RFC 4180 quoting (the csv module's defaults), so
`pandas.read_csv(path)` and R's `read.csv(path, encoding = "UTF-8")` read it as is. Empty cells
are unknown values. The dating evidence is the sentence whose date is the event's date.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO, Any

from analytics.adoptions import AdoptionEvent
from ontology.model import get_ontology

# (column, meaning) — the order of the CSV columns; docs/diffusion.md repeats this table.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("practice", "practice id of practices.yaml (e.g. craftsman-school)"),
    ("practice_zh", "the practice's Chinese label"),
    ("category", "the practice's category id (skills, venues, …)"),
    ("organization", "canonical name of the adopting organisation"),
    ("organization_type", "its class: UnionOrganization, PartyOrganization, GovernmentBody, …"),
    ("county", "canonical county-level unit (区/县/县级市), empty when unknown or city-level"),
    ("city", "canonical prefecture-level city, empty when unknown, province-level or outside Zhejiang"),
    ("year", "adoption year (integer), empty when undated"),
    ("date", "adoption date as precise as known: 2019, 2017-11 or 2018-12-10"),
    ("date_basis", "stated (the evidence states the date), article (the article's date) or unknown"),
    ("date_phrase", "the date phrase when stated (2019年, 去年以来); empty otherwise"),
    ("doc_id", "source document of the dating evidence"),
    ("article_id", "article of the dating evidence (<doc_id>#<index>)"),
    ("raw_start", "character offset of the dating evidence in the raw source file"),
    ("raw_end", "end offset (exclusive) of the dating evidence in the raw source file"),
    ("article_date", "date of the article of the dating evidence"),
    ("quote", "the dating evidence sentence, as in the source file"),
    ("evidence_count", "number of evidence sentences of the adoption"),
    ("earliest", "earliest possible adoption date; with earliest_basis coverage: just after this date; empty: unknown"),
    ("latest", "latest possible adoption date (the adoption is attested no later than this)"),
    ("earliest_basis", "stated (a stated date), coverage (an earlier document reports the organisation without "
     "the practice) or unknown"),
    ("latest_basis", "stated or article (the article's date: an upper bound only) or unknown"),
)
FIELDNAMES = tuple(name for name, _ in COLUMNS)


def event_row(event: AdoptionEvent) -> dict[str, Any]:
    ont = get_ontology()
    try:
        concept = ont.practice(event.practice)
        zh, category = concept.zh, concept.category
    except KeyError:
        zh, category = "", ""
    ev = event.dating_evidence
    return {
        "practice": event.practice, "practice_zh": zh, "category": category,
        "organization": event.organization, "organization_type": event.organization_type,
        "county": event.county, "city": event.city,
        "year": "" if event.year is None else event.year, "date": event.date,
        "date_basis": event.date_basis, "date_phrase": event.date_phrase,
        "doc_id": ev.doc_id if ev else "", "article_id": ev.article_id if ev else "",
        "raw_start": ev.raw_start if ev else "", "raw_end": ev.raw_end if ev else "",
        "article_date": ev.article_date if ev else "",
        "quote": " ".join(ev.quote.split()) if ev else "",
        "evidence_count": len(event.evidence),
        "earliest": event.earliest, "latest": event.latest,
        "earliest_basis": event.earliest_basis, "latest_basis": event.latest_basis,
    }


def write_events_csv(events: Iterable[AdoptionEvent], handle: IO[str]) -> int:
    """Write the events to an open text handle (newline=""); returns the number of rows."""
    writer = csv.DictWriter(handle, fieldnames=FIELDNAMES)
    writer.writeheader()
    count = 0
    for event in events:
        writer.writerow(event_row(event))
        count += 1
    return count
