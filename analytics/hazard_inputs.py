"""Inputs of the hazard model besides the adoption events: pilot regions from PARTICIPATES_IN.

A region counts as a **pilot region** when one of its organisations or carriers is said to take
part in a reform pilot programme (PILOT_PROGRAMS: 群团改革试点, 产改试点, 提升职工生活品质试点) —
from the year the text states for the selection, or throughout when it states none. Selection into
a pilot is itself a choice of the province, often of units already known for reform, so the
covariate marks "chosen as a pilot", not a treatment whose effect the model identifies.
Programmes that are not reform pilots (特色小镇创建, 三年行动, 项目展评) are left out.

The rows are those of the named query `pilot_participations`; units are placed like adopting
organisations (analytics.adoptions.locate): their own county/city, their name's administrative
prefix, else the places they are LOCATED_IN or COVER. Units outside Zhejiang have no region.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal

from analytics import geography
from analytics.adoptions import RecordGraph, locate, places_of_row, year_of
from graph_loader.records import ConceptRef, Entity, Relation
from graph_loader.reference.lexicon import PARTICIPATES_IN

PILOT_PROGRAMS = frozenset({"mass-org-reform-pilot", "workforce-reform-pilot", "quality-of-life-pilot"})


def pilots_from_rows(rows: Iterable[Mapping[str, Any]], level: str) -> dict[str, int | None]:
    """region → first year one of its units joined a reform pilot (None: a year is never stated)."""
    out: dict[str, int | None] = {}
    undated: set[str] = set()
    for row in rows:
        if str(row.get("program") or "") not in PILOT_PROGRAMS:
            continue
        county, city = locate(
            str(row.get("unit") or ""), str(row.get("county") or ""), str(row.get("city") or ""), places_of_row(row)
        )
        region = county if level == "county" else city
        if not region:
            continue
        year = year_of(row.get("year"))
        if year is None:
            undated.add(region)
            out[region] = None
        elif region not in undated:
            known = out.get(region)
            out[region] = year if known is None else min(known, year)
    return out


def pilots_from_records(entities: Iterable[Entity], relations: Iterable[Relation], level: str) -> dict[str, int | None]:
    """The same from resolved pipeline records (`ukg diffusion --hazard --corpus`), placed as
    analytics.adoptions places organisations from records (its RecordGraph: one placing rule)."""
    relations = list(relations)
    graph = RecordGraph(entities, relations)
    rows = []
    for rel in relations:
        if rel.type == PARTICIPATES_IN and isinstance(rel.tail, ConceptRef):
            row = graph.row(rel.head.label)
            rows.append({**row, "unit": rel.head.label, "program": rel.tail.id, "year": rel.props.get("year")})
    return pilots_from_rows(rows, level)


ADJACENCY_SOURCE = "analytics.geography.neighbours (land borders, sea links for 舟山)"


def adjacency(level: Literal["city", "county"]) -> dict[str, frozenset[str]]:
    """The regions adjacent to each region for the hazard model, made symmetric: a former county
    name (杭州市下城区) is listed as a neighbour of the regions its successors border, so its
    adoptions count too. The API and `ukg diffusion hazard` both use this one."""
    found: Mapping[str, frozenset[str]] = geography.neighbours(level)
    out = {name: set(near) for name, near in found.items()}
    for name, near in found.items():
        for other in near:
            out.setdefault(other, set()).add(name)
    return {name: frozenset(near - {name}) for name, near in out.items()}
