"""`ukg export --format graphml|csv`: the loaded graph for Gephi, R and pandas (the RDF formats are ukg.commands.rdf).

Unlike the RDF export, which re-runs the extraction, these formats are read from the graph in Neo4j
through the named query `export_graph` (the embedded Neo4j is started if needed, as for `ukg
render`), with the same filters and conversion as `GET /export/{format}`
(analytics.graph_selection, analytics.graph_export): the CLI and the API give the same bytes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from neo4j.exceptions import ClientError
from rich.console import Console

from analytics.graph_export import ExportGraph, csv_tables, to_graphml
from analytics.graph_selection import ExportFilterError, check_filters, read_export
from graph_loader.errors import InputError
from queries import BadQueryParameter
from ukg.commands.graph_reader import graph_reader

FORMATS = ("graphml", "csv")


def read_graph(practice: str | None, region: str | None, types: list[str] | None, start_neo4j: bool) -> ExportGraph:
    """The filtered graph from Neo4j; a bad filter or a refused query is an InputError (one line)."""
    try:
        filters = check_filters(practice, region, types)
    except ExportFilterError as error:
        raise InputError(str(error)) from None
    try:
        with graph_reader(start_neo4j) as reader:
            return read_export(reader, filters)
    except (ExportFilterError, BadQueryParameter) as error:
        raise InputError(str(error)) from None
    except ClientError as error:
        raise InputError(f"the export query cannot run: {error.message}") from None


def write_graph(graph: ExportGraph, fmt: str, out: Path | None) -> str:
    """Write GraphML to `out` (a file; stdout when None) or the CSV tables into the folder `out`;
    returns what was written, for the user."""
    counts = f"{len(graph.nodes)} nodes, {len(graph.edges)} edges"
    if fmt == "graphml":
        data = to_graphml(graph)
        if out is None:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
            return f"GraphML ({counts})"
        if out.is_dir():
            raise InputError(f"--out {out} is a folder; GraphML wants a file name such as graph.graphml")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
        return f"{out} ({counts})"
    if out is None:
        raise InputError("--format csv writes nodes.csv and edges.csv: give the folder with --out DIR")
    if out.exists() and not out.is_dir():
        raise InputError(f"--out {out} is a file; --format csv wants a folder for nodes.csv and edges.csv")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in csv_tables(graph).items():
        (out / name).write_bytes(data)
        written.append(str(out / name))
    return f"{' and '.join(written)} ({counts})"


def export_graph(
    fmt: str,
    out: Path | None,
    *,
    practice: str | None,
    region: str | None,
    types: list[str] | None,
    start_neo4j: bool,
) -> None:
    """Read the filtered graph from Neo4j and write it as GraphML or CSV (see write_graph)."""
    if fmt not in FORMATS:
        raise InputError(f"unknown graph format {fmt!r}; use one of {', '.join(FORMATS)}")
    if fmt == "csv" and out is None:  # before Neo4j is asked anything
        raise InputError("--format csv writes nodes.csv and edges.csv: give the folder with --out DIR")
    what = write_graph(read_graph(practice, region, types, start_neo4j), fmt, out)
    Console(stderr=True).print(f"wrote {what}", highlight=False, soft_wrap=True)
