"""The graph as files for other tools: GraphML for Gephi, two CSV tables for R and pandas.

Pure conversion of the rows of the named query `export_graph` (analytics.graph_selection reads
them) into typed records and from those into bytes, shared by `GET /export/{format}` and
`ukg export --format graphml|csv`, so both give the same bytes for the same graph.

Why these choices:
- One node per entity or concept, identified by its stable `key`; the attribute `label` is the
  name (Gephi takes a `label` attribute as the node label) and `class` the most specific ontology
  class (Gephi partitions by it). Edges are identified by their `key` (head|TYPE|tail), so a
  MultiDiGraph keeps the parallel edges of different types between two nodes (COVERS and
  LOCATED_IN from a union to its carrier).
- A missing value is left out (GraphML) or an empty cell (CSV): GraphML types every attribute
  once per graph, so None or a mix of types would not be typable; `year` and `evidence_count` are
  integers, `confidence` a float.
- CSV: UTF-8 without BOM, a header row, RFC 4180 quoting (the csv module's defaults), as
  analytics/export.py writes adoption events. The zip's entries carry a fixed timestamp, so the
  same graph gives the same bytes (and the API's ETag stays valid).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

import networkx as nx

from ontology.model import Ontology

Value = str | int | float

# CSV columns in order (the GraphML attributes have the same names); README "Exports" lists them.
NODE_COLUMNS = (
    "key", "label", "class", "evidence_count",
    "form", "level", "carrier_type", "admin_level", "city", "county", "category",
)  # fmt: skip
EDGE_COLUMNS = (
    "source", "target", "type", "key", "evidence_count",
    "year", "rule", "confidence", "level", "mode", "title",
)  # fmt: skip
NODES_FILE, EDGES_FILE = "nodes.csv", "edges.csv"
DESCRIPTION = "ukg: Zhejiang trade-union reform knowledge graph"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can say: the bytes depend on the graph only
# Characters XML 1.0 cannot carry at all (control characters, lone surrogates, U+FFFE/U+FFFF):
# networkx writes them as they are, and Gephi then refuses the whole file.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class ExportNode:
    """An entity or concept node; optional attributes are None when the node has none."""

    key: str
    label: str
    node_class: str
    evidence_count: int
    form: str | None = None
    level: str | None = None
    carrier_type: str | None = None
    admin_level: str | None = None
    city: str | None = None
    county: str | None = None
    category: str | None = None

    def attributes(self) -> dict[str, Value]:
        """Column → value, in NODE_COLUMNS order, without the missing ones."""
        return _present(self, {"node_class": "class"})


@dataclass(frozen=True)
class ExportEdge:
    """A relationship between two exported nodes (by key); optional attributes as on ExportNode."""

    source: str
    target: str
    type: str
    key: str
    evidence_count: int
    year: int | None = None
    rule: str | None = None
    confidence: float | None = None
    level: str | None = None
    mode: str | None = None
    title: str | None = None

    def attributes(self) -> dict[str, Value]:
        """Column → value, in EDGE_COLUMNS order, without the missing ones."""
        return _present(self, {})


@dataclass(frozen=True)
class ExportGraph:
    """Nodes and edges to export; every edge end is a node and keys are unique (checked here)."""

    nodes: tuple[ExportNode, ...]
    edges: tuple[ExportEdge, ...]
    description: str = DESCRIPTION

    def __post_init__(self) -> None:
        node_keys = {node.key for node in self.nodes}
        if len(node_keys) != len(self.nodes):
            raise ValueError("export graph: node keys are not unique")
        if len({edge.key for edge in self.edges}) != len(self.edges):
            raise ValueError("export graph: edge keys are not unique")
        dangling = next((e for e in self.edges if e.source not in node_keys or e.target not in node_keys), None)
        if dangling is not None:
            raise ValueError(f"export graph: edge {dangling.key!r} has an end that is not a node")


def _present(record: ExportNode | ExportEdge, renamed: Mapping[str, str]) -> dict[str, Value]:
    return {
        renamed.get(item.name, item.name): getattr(record, item.name)
        for item in fields(record)
        if getattr(record, item.name) is not None
    }


def _xml(value: Value) -> Value:
    return _NOT_XML.sub("", value) if isinstance(value, str) else value


def _graphml_attributes(attributes: dict[str, Value], *without: str) -> dict[str, Value]:
    return {name: _xml(value) for name, value in attributes.items() if name not in without}


def most_specific_class(labels: Sequence[str], ontology: Ontology) -> str:
    """The label of the deepest ontology class among `labels` (UnionOrganization over Organization).

    The `Entity` marker only counts when nothing else does; ties (none in the ontology today) go
    to the alphabetically first, so the answer never depends on the order Neo4j lists labels in.
    """
    known = [label for label in labels if label in ontology.classes and label != "Entity"]
    if not known:
        return "Entity"
    return min(known, key=lambda label: (-len(ontology.labels_for(label)), label))


def _text(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def node_from_row(row: Mapping[str, Any], ontology: Ontology) -> ExportNode:
    """An `export_graph` node row ({key, name, labels, form, …, evidenceCount}) as a record."""
    return ExportNode(
        key=str(row["key"]),
        label=str(row.get("name") or row["key"]),
        node_class=most_specific_class(row.get("labels") or [], ontology),
        evidence_count=int(row.get("evidenceCount") or 0),
        form=_text(row.get("form")),
        level=_text(row.get("level")),
        carrier_type=_text(row.get("carrierType")),
        admin_level=_text(row.get("adminLevel")),
        city=_text(row.get("city")),
        county=_text(row.get("county")),
        category=_text(row.get("category")),
    )


def edge_from_row(row: Mapping[str, Any]) -> ExportEdge:
    """An `export_graph` edge row ({key, source, target, type, year, …, evidenceCount}) as a record."""
    return ExportEdge(
        source=str(row["source"]),
        target=str(row["target"]),
        type=str(row["type"]),
        key=str(row.get("key") or f"{row['source']}|{row['type']}|{row['target']}"),
        evidence_count=int(row.get("evidenceCount") or 0),
        year=_int(row.get("year")),
        rule=_text(row.get("rule")),
        confidence=_float(row.get("confidence")),
        level=_text(row.get("level")),
        mode=_text(row.get("mode")),
        title=_text(row.get("title")),
    )


def graph_from_rows(
    node_rows: Sequence[Mapping[str, Any]],
    edge_rows: Sequence[Mapping[str, Any]],
    ontology: Ontology,
    description: str = DESCRIPTION,
) -> ExportGraph:
    return ExportGraph(
        nodes=tuple(node_from_row(row, ontology) for row in node_rows),
        edges=tuple(edge_from_row(row) for row in edge_rows),
        description=description,
    )


def to_networkx(graph: ExportGraph) -> nx.MultiDiGraph:
    """The export as a networkx MultiDiGraph for GraphML: node id = key, edge key = edge key, and
    text without the characters XML cannot carry."""
    out = nx.MultiDiGraph(description=graph.description)
    for node in graph.nodes:
        out.add_node(_xml(node.key), **_graphml_attributes(node.attributes()))
    # add_edges_from, because add_edge's own `key` parameter would swallow the `key` attribute; the
    # ends are the edge's own source and target in GraphML, so they are not repeated as attributes
    out.add_edges_from(
        (
            _xml(edge.source),
            _xml(edge.target),
            _xml(edge.key),
            _graphml_attributes(edge.attributes(), "source", "target"),
        )
        for edge in graph.edges
    )
    return out


def to_graphml(graph: ExportGraph) -> bytes:
    """GraphML (UTF-8) that Gephi, Cytoscape, igraph and networkx.read_graphml open."""
    buffer = io.BytesIO()
    nx.write_graphml(to_networkx(graph), buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()


def _csv(columns: Sequence[str], rows: Sequence[Mapping[str, Value]]) -> bytes:
    text = io.StringIO(newline="")
    writer = csv.DictWriter(text, fieldnames=columns, restval="")
    writer.writeheader()
    writer.writerows(rows)
    return text.getvalue().encode("utf-8")


def nodes_csv(graph: ExportGraph) -> bytes:
    return _csv(NODE_COLUMNS, [node.attributes() for node in graph.nodes])


def edges_csv(graph: ExportGraph) -> bytes:
    return _csv(EDGE_COLUMNS, [edge.attributes() for edge in graph.edges])


def csv_tables(graph: ExportGraph) -> dict[str, bytes]:
    """{"nodes.csv": …, "edges.csv": …}: what `--out DIR` writes and the zip holds."""
    return {NODES_FILE: nodes_csv(graph), EDGES_FILE: edges_csv(graph)}


def to_csv_zip(graph: ExportGraph) -> bytes:
    """Both tables in one zip (deflated, fixed timestamps: the same graph gives the same bytes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in csv_tables(graph).items():
            entry = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16  # rw-r--r-- when unzipped, not mode 000
            archive.writestr(entry, data)
    return buffer.getvalue()
