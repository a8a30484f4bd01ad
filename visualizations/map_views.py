"""The map views from the graph: read the adoption events and the places that have a region view
through the named queries, compute the map data (analytics.maps) and draw it (visualizations.maps).

Shared by the API (/views/diffusion/map/{practice}, /views/map) and `ukg render map`, so a saved
page and a rendered file are the same bytes for the same graph.
"""

from __future__ import annotations

from typing import Any

from analytics.adoptions import AdoptionEvent, events_from_rows
from analytics.geography import source
from analytics.maps import practice_counts, practice_map
from ontology.model import get_ontology
from queries import QueryReader
from visualizations.maps import count_map_html, practice_map_html
from visualizations.model import Links
from visualizations.views import ViewNotFound

LEVELS = ("city", "county")


def practice_concept(practice_id: str) -> Any:
    """The practice (not a category) with this id, else ViewNotFound naming it."""
    ont = get_ontology()
    try:
        concept = ont.practice(practice_id)
    except KeyError as error:
        raise ViewNotFound(f"unknown practice id '{practice_id}'") from error
    narrower = ont.narrower(concept.id)
    if narrower:
        raise ViewNotFound(
            f"'{concept.id}' is a practice category; a map shows one practice, e.g. {', '.join(narrower[:3])}"
        )
    return concept


def _check_level(level: str) -> None:
    if level not in LEVELS:
        raise ValueError(f"level must be city or county, not {level!r}")


def _events(reader: QueryReader) -> list[AdoptionEvent]:
    """Every adoption event: a region's interval is bounded by coverage from any practice's documents."""
    return events_from_rows(reader.rows("adoption_events"))


def _places(reader: QueryReader) -> set[str]:
    """Names of the cities and counties the region view can draw (a click leads only there)."""
    return {str(row["name"]) for row in reader.rows("regions")}


def practice_map_data(reader: QueryReader, practice_id: str) -> dict[str, Any]:
    concept = practice_concept(practice_id)
    return {**practice_map(_events(reader), concept.id).to_dict(), "zh": concept.zh, "en": concept.en}


def practice_map_page(reader: QueryReader, practice_id: str, links: Links = Links(), level: str = "county") -> str:
    """The map page of one practice (ViewNotFound for an unknown id or a category)."""
    _check_level(level)
    concept = practice_concept(practice_id)
    pmap = practice_map(_events(reader), concept.id)
    return practice_map_html(pmap, concept.zh, concept.en, _places(reader), links, level, source())


def count_map_data(reader: QueryReader) -> dict[str, Any]:
    counts = practice_counts(_events(reader))
    return {lv: {n: c.to_dict() for n, c in found.items()} for lv, found in counts.items()}


def count_map_page(reader: QueryReader, links: Links = Links(), level: str = "county") -> str:
    """Every region coloured by the number of practices adopted there."""
    _check_level(level)
    counts = practice_counts(_events(reader))
    labels = {p.id: p.en if links.lang == "en" else p.zh for p in get_ontology().practices}
    return count_map_html(counts, labels, _places(reader), links, level, source())
