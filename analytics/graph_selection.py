"""Which part of the loaded graph to export: the filters, checked, and the one named query that reads it.

Why checked here, before Neo4j: an unknown practice id or a misspelt relationship type would
otherwise give an empty file that looks like an answer. The API (422) and `ukg export` (a
one-line error) both turn ExportFilterError into their own error, so they refuse the same input
with the same message. An unknown region is only known once Neo4j has looked (places are data,
not ontology), so the query reports it (`regionKnown`) and it is refused the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from analytics.graph_export import DESCRIPTION, ExportGraph, graph_from_rows
from ontology.model import Ontology, get_ontology
from queries import QueryReader

QUERY = "export_graph"


class ExportFilterError(ValueError):
    """A filter value that names nothing in the ontology or the graph; the message names the filter."""


@dataclass(frozen=True)
class ExportFilters:
    """Checked filters: a practice (or category) id, a place key or name, relationship types."""

    practice: str | None = None
    region: str | None = None
    types: tuple[str, ...] | None = None

    def describe(self) -> str:
        """The filters as query-string text (empty without filters), for the file's description."""
        parts = [f"practice={self.practice}" if self.practice else "", f"region={self.region}" if self.region else ""]
        parts.append(f"types={','.join(self.types)}" if self.types else "")
        return "&".join(part for part in parts if part)


def exportable_types(ontology: Ontology) -> list[str]:
    """Relationship types between entities: not those to or from provenance records (MENTIONED_IN …)."""
    return sorted(
        relation.name
        for relation in ontology.relations.values()
        if not any(ontology.classes[label].record for label in (*relation.domain, *relation.range))
    )


def split_types(types: str | Iterable[str] | None) -> list[str]:
    """`A,B`, repeated values or both, upper-cased, without blanks or repeats, in the given order."""
    items = [types] if isinstance(types, str) else list(types or [])
    found = [part.strip().upper() for item in items for part in str(item).split(",") if part.strip()]
    return list(dict.fromkeys(found))


def check_filters(
    practice: str | None = None,
    region: str | None = None,
    types: str | Iterable[str] | None = None,
    ontology: Ontology | None = None,
) -> ExportFilters:
    """ExportFilters from raw values; ExportFilterError for an unknown practice id or relationship type."""
    ont = ontology or get_ontology()
    practice_id = None
    if practice is not None and practice.strip():
        try:
            practice_id = ont.practice(practice.strip()).id
        except KeyError:
            raise ExportFilterError(f"practice: unknown practice id '{practice}'") from None
    type_list = split_types(types)
    allowed = exportable_types(ont)
    unknown = [name for name in type_list if name not in allowed]
    if unknown:
        raise ExportFilterError(
            f"types: unknown or not exported relationship type(s) {', '.join(unknown)}; use any of {', '.join(allowed)}"
        )
    place = region.strip() if region is not None and region.strip() else None
    return ExportFilters(practice_id, place, tuple(type_list) or None)


def read_export(reader: QueryReader, filters: ExportFilters, ontology: Ontology | None = None) -> ExportGraph:
    """The filtered graph from Neo4j as an ExportGraph; ExportFilterError when the region is unknown."""
    row = reader.one(
        QUERY,
        practice=filters.practice,
        region=filters.region,
        types=list(filters.types) if filters.types else None,
    )
    if row is None:  # the query always answers one row; an empty graph is still a graph
        row = {"regionKnown": filters.region is None, "nodes": [], "edges": []}
    if not row["regionKnown"]:
        raise ExportFilterError(f"region: no place with key or name '{filters.region}'")
    described = filters.describe()
    description = DESCRIPTION + (f" ({described})" if described else "")
    return graph_from_rows(row["nodes"], row["edges"], ontology or get_ontology(), description)
