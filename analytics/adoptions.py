"""Adoption events: who adopted which practice, where (county, city) and when, with evidence.

One ADOPTS edge (organisation → practice) is one event. Its date is the earliest date its
evidence supports: per evidence sentence, the date extraction gave it (`Evidence.dated`, see
graph_loader.extract.evidence_dates): a date the sentence states for the practice
(`2019年，…创办“工匠学堂”`, `2017年11月成立`, `去年以来`) — `date_basis = "stated"`, whether the
phrase was explicit or relative — else the article's date — `date_basis = "article"`; the
edge's own `year` (set by the extractor from a sentence that may not be among the stored
evidence) counts as stated too. An adoption is attested no later than the earliest of these,
so the earliest wins (stated before article on a tie of years). Events whose every date is
unknown keep `year = None` and are left out of the timing statistics.

The organisation's county and city come from its own properties, else the administrative
prefix of its canonical name (嘉兴市南湖区总工会 → 嘉兴市南湖区, 嘉兴市), else the places it is
LOCATED_IN or the carriers it COVERS. Bodies outside Zhejiang and province-level bodies have
no region and are left out of the regional statistics.

Two sources give the same events: pipeline records (`events_from_records`) and rows of the
named query `adoption_events` (`events_from_rows`), so the API needs no re-extraction and
a test can check both agree. SPREAD_TO claims (推广至, 复制推广, 在全市推广) are kept apart
(`SpreadClaim`): they are what the texts say spread, not what the dates imply.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from analytics.intervals import with_intervals
from graph_loader.records import ConceptRef, Entity, EntityRef, Evidence, Relation
from graph_loader.reference.gazetteer import gazetteer
from graph_loader.reference.lexicon import (
    ADOPTS,
    COVERS,
    LOCATED_IN,
    ORGANIZATION_TYPES,
    SPREAD_TO,
)

STATED, ARTICLE, UNKNOWN = "stated", "article", "unknown"
# how extraction dated an evidence sentence → how an event says it was dated (a relative
# phrase such as 去年 is a date the sentence states; undated evidence is unknown)
_BASIS = {"stated": STATED, "relative": STATED, "article": ARTICLE, "": UNKNOWN}
LEVELS = ("city", "county")
_YEAR = re.compile(r"^(\d{4})")


@dataclass(frozen=True)
class EvidenceRef:
    """One evidence sentence of an event and the date it gives."""

    doc_id: str
    article_id: str
    raw_start: int
    raw_end: int
    quote: str
    article_date: str
    date: str
    date_basis: str
    date_phrase: str = ""

    @property
    def year(self) -> int | None:
        return year_of(self.date)


@dataclass(frozen=True)
class AdoptionEvent:
    practice: str
    organization: str
    organization_type: str
    county: str
    city: str
    year: int | None
    date: str
    date_basis: str
    date_phrase: str = ""
    evidence: tuple[EvidenceRef, ...] = ()
    key: str = ""
    # when it happened as an interval (analytics.intervals): stated dates fix both ends, an
    # article date only `latest`, an earlier document covering the organisation `earliest`
    earliest: str = ""
    latest: str = ""
    earliest_basis: str = UNKNOWN
    latest_basis: str = UNKNOWN

    def region(self, level: str) -> str:
        """The event's county or city ("" when unknown)."""
        if level not in LEVELS:
            raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
        return self.county if level == "county" else self.city

    @property
    def dating_evidence(self) -> EvidenceRef | None:
        """The evidence whose date is the event's date (None when only the edge's year says so)."""
        for ev in self.evidence:
            if ev.date == self.date and ev.date_basis == self.date_basis:
                return ev
        return self.evidence[0] if self.evidence else None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class SpreadClaim:
    """An explicit claim that a practice was extended or copied from its holder to a place."""

    practice: str
    source: str
    source_county: str
    source_city: str
    target: str
    target_level: str
    year: int | None
    date_basis: str
    evidence: tuple[EvidenceRef, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# --- dates ------------------------------------------------------------------------------

def year_of(date: str | int | None) -> int | None:
    if isinstance(date, int):
        return date
    match = _YEAR.match(str(date or ""))
    return int(match.group(1)) if match else None


def _evidence_refs(evidence: Iterable[Mapping[str, Any]]) -> tuple[EvidenceRef, ...]:
    """Evidence rows (Neo4j property names) as refs, with the date extraction gave each."""
    refs = []
    seen: set[tuple[str, str, int, int]] = set()
    for ev in evidence:
        span = (str(ev.get("docId") or ""), str(ev.get("articleId") or ""), int(ev.get("rawStart") or 0),
                int(ev.get("rawEnd") or 0))
        if span in seen:  # one sentence quoted twice in an article is one piece of evidence
            continue
        seen.add(span)
        refs.append(EvidenceRef(
            doc_id=span[0], article_id=span[1], raw_start=span[2], raw_end=span[3],
            quote=str(ev.get("quote") or ""), article_date=str(ev.get("date") or ""),
            date=str(ev.get("datedValue") or ""), date_basis=_BASIS[str(ev.get("dateBasis") or "")],
            date_phrase=str(ev.get("datePhrase") or ""),
        ))
    return tuple(sorted(refs, key=lambda r: (r.year or 9999, r.date_basis != STATED, r.doc_id, r.raw_start)))


def choose_date(edge_year: Any, refs: Sequence[EvidenceRef]) -> tuple[int | None, str, str, str]:
    """(year, date, basis, phrase) of an event: the earliest candidate, stated before article."""
    candidates: list[tuple[int, int, int, str, str, str]] = []
    for ref in refs:
        if ref.year is not None:
            candidates.append((ref.year, ref.date_basis != STATED, -len(ref.date), ref.date, ref.date_basis,
                               ref.date_phrase))
    year = year_of(edge_year) if edge_year not in (None, "") else None
    if year is not None:
        candidates.append((year, False, -4, str(year), STATED, ""))
    if not candidates:
        return None, "", UNKNOWN, ""
    best = min(candidates)
    return best[0], best[3], best[4], best[5]


# --- places -----------------------------------------------------------------------------

def locate(name: str, county: str = "", city: str = "", places: Iterable[str] = ()) -> tuple[str, str]:
    """(county, city) canonical names of an organisation; ("", "") outside Zhejiang or unknown."""
    gaz = gazetteer()
    county, city = county or "", city or ""
    if not county and not city:
        found_county, found_city, _ = gaz.parse_prefix(name)
        county = found_county.name if found_county else ""
        city = found_city.name if found_city else ""
    for place_name in places:
        if county and city:
            break
        place = gaz.places.get(place_name)
        if place is None:
            continue
        if place.level == "county" and not county and (not city or place.city == city):
            county = place.name
        elif place.level == "city" and not city:
            city = place.name
    if county and not city:
        city = gaz.city_of(county)
    if city and gaz.places.get(city) is not None and gaz.places[city].city == "outside":
        return "", ""
    return county, city


def place_level(name: str) -> str:
    place = gazetteer().places.get(name)
    return place.level if place else ""


def _org_type(labels: Iterable[str]) -> str:
    labels = list(labels)
    for label in ORGANIZATION_TYPES:
        if label in labels:
            return label
    return next((lb for lb in labels if lb not in {"Organization", "Entity"}), "")


# --- from Neo4j rows (queries/adoption_events.cypher, queries/spread_claims.cypher) --------

def places_of_row(row: Mapping[str, Any]) -> list[str]:
    """The place names a row links an organisation to (its county, city, own name, and the chain of
    places above it): the one reading of `linked`/`chain` for events and pilot participations."""
    names: list[str] = []
    for linked in row.get("linked") or []:
        names.extend(str(linked.get(k) or "") for k in ("county", "city", "name"))
    names.extend(str(n) for n in row.get("chain") or [])
    return [n for n in names if n]


def event_from_row(row: Mapping[str, Any]) -> AdoptionEvent:
    practice = str(row["practice"])
    refs = _evidence_refs(row.get("evidence") or [])
    year, date, basis, phrase = choose_date(row.get("year"), refs)
    county, city = locate(str(row["organization"]), str(row.get("county") or ""), str(row.get("city") or ""),
                          places_of_row(row))
    return AdoptionEvent(practice, str(row["organization"]), _org_type(row.get("labels") or []), county, city,
                         year, date, basis, phrase, refs, str(row.get("key") or ""))


def events_from_rows(rows: Iterable[Mapping[str, Any]]) -> list[AdoptionEvent]:
    """Events from the rows of the `adoption_events` named query, dated as intervals over the
    coverage their own evidence gives (analytics.intervals)."""
    return sort_events(with_intervals([event_from_row(row) for row in rows]))


def claims_from_rows(rows: Iterable[Mapping[str, Any]]) -> list[SpreadClaim]:
    """SPREAD_TO claims from the rows of the `spread_claims` named query."""
    out = []
    for row in rows:
        practice = str(row.get("practice") or "")
        refs = _evidence_refs(row.get("evidence") or [])
        year, _, basis, _ = choose_date(row.get("year"), refs)
        county, city = locate(str(row["source"]), str(row.get("county") or ""), str(row.get("city") or ""),
                              places_of_row(row))
        target = str(row["target"])
        out.append(SpreadClaim(practice, str(row["source"]), county, city, target, place_level(target), year,
                               basis, refs))
    return sorted(out, key=lambda c: (c.practice, c.year or 9999, c.source, c.target))


# --- from pipeline records ----------------------------------------------------------------

def _evidence_maps(evidence: Iterable[Evidence]) -> list[dict[str, Any]]:
    return [{"quote": ev.quote, "docId": ev.doc_id, "articleId": ev.article_id, "rawStart": ev.raw_start,
             "rawEnd": ev.raw_end, "date": ev.date, "datedValue": ev.dated, "dateBasis": ev.date_basis,
             "datePhrase": ev.date_phrase} for ev in evidence]


class RecordGraph:
    """The bits of the resolved records that placing an organisation needs, as Neo4j rows have them."""

    def __init__(self, entities: Iterable[Entity], relations: Iterable[Relation]) -> None:
        self.entities: dict[str, Entity] = {}
        for entity in entities:
            if entity.name not in self.entities or entity.type in ORGANIZATION_TYPES:
                self.entities[entity.name] = entity
        self.links: dict[str, list[str]] = defaultdict(list)
        self.located: dict[str, list[str]] = defaultdict(list)
        for rel in relations:
            if not isinstance(rel.head, EntityRef) or not isinstance(rel.tail, EntityRef):
                continue
            if rel.type in (LOCATED_IN, COVERS):
                self.links[rel.head.name].append(rel.tail.name)
            if rel.type == LOCATED_IN:
                self.located[rel.head.name].append(rel.tail.name)

    def row(self, name: str) -> dict[str, Any]:
        entity = self.entities.get(name)
        props = entity.props if entity else {}
        linked = []
        chain: list[str] = []
        for target in self.links.get(name, []):
            target_entity = self.entities.get(target)
            tprops = target_entity.props if target_entity else {}
            linked.append({"name": target, "county": tprops.get("county"), "city": tprops.get("city")})
            frontier, seen = [target], {target}
            for _ in range(5):
                frontier = [p for f in frontier for p in self.located.get(f, []) if p not in seen]
                seen.update(frontier)
                chain.extend(frontier)
        return {"organization": name, "labels": [entity.type] if entity else [],
                "county": props.get("county"), "city": props.get("city"), "linked": linked, "chain": chain}


def events_from_records(entities: Iterable[Entity], relations: Iterable[Relation]) -> list[AdoptionEvent]:
    """Events from resolved pipeline records (PipelineResult.entities / .relations)."""
    relations = list(relations)
    graph = RecordGraph(entities, relations)
    rows = []
    for rel in relations:
        if rel.type != ADOPTS or not isinstance(rel.tail, ConceptRef) or rel.tail.scheme != "practice":
            continue
        rows.append({**graph.row(rel.head.label), "practice": rel.tail.id,
                     "year": rel.props.get("year"), "evidence": _evidence_maps(rel.evidence)})
    return events_from_rows(rows)


def claims_from_records(entities: Iterable[Entity], relations: Iterable[Relation]) -> list[SpreadClaim]:
    relations = list(relations)
    graph = RecordGraph(entities, relations)
    rows = []
    for rel in relations:
        if rel.type != SPREAD_TO:
            continue
        row = graph.row(rel.head.label)
        rows.append({**row, "source": rel.head.label, "target": rel.tail.label, "practice": rel.props.get("practice"),
                     "year": rel.props.get("year"), "evidence": _evidence_maps(rel.evidence)})
    return claims_from_rows(rows)


# --- helpers ------------------------------------------------------------------------------

def sort_events(events: Iterable[AdoptionEvent]) -> list[AdoptionEvent]:
    """Earliest first; undated last; then by organisation name."""
    return sorted(events, key=lambda e: (e.practice, e.year is None, e.year or 0, e.date_basis != STATED,
                                         e.organization))


def dated(events: Iterable[AdoptionEvent]) -> list[AdoptionEvent]:
    return [e for e in events if e.year is not None]
