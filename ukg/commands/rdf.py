"""`ukg export` and `ukg validate` — the graph as RDF, checked against the ontology's shapes.

Thin wrappers: extraction lives in graph_loader.pipeline, RDF building and SHACL in
graph_loader.rdf_export. Heavy imports happen inside the commands so `ukg --help` stays fast.
`--format graphml|csv` reads the loaded graph from Neo4j instead: ukg.commands.graph_export.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from graph_loader.errors import InputError, UkgError
from graph_loader.settings import default_corpus_dir
from ukg.commands import graph_export

if TYPE_CHECKING:
    from rdflib import Graph

FORMAT_BY_SUFFIX = {".ttl": "turtle", ".jsonld": "json-ld", ".json": "json-ld", ".nt": "nt"}


def _graph_from_corpus(corpus: Path | None) -> Graph:
    """Run the extraction pipeline over the corpus and build the RDF graph of its records."""
    from graph_loader.curation.provenance import add_provenance
    from graph_loader.curation.stage import curate
    from graph_loader.pipeline import run_extraction
    from graph_loader.rdf_export import ExportError, graph_to_rdf

    corpus_path = corpus or default_corpus_dir()
    if not corpus_path.exists():
        raise InputError(f"corpus not found: {corpus_path}")
    curated = curate(run_extraction(corpus_path).graph)  # with the researchers' corrections, as `ukg build`
    graph = curated.graph
    try:
        return add_provenance(graph_to_rdf(graph.entities, graph.relations, graph.articles, graph.documents), curated)
    except ExportError as error:
        raise UkgError(f"cannot export: {error}") from None


def export(
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="Output format: ttl, jsonld, nt (RDF); graphml, csv (from Neo4j).")
    ] = "ttl",
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Write to this file (default: stdout); csv: the folder for nodes/edges.csv."),
    ] = None,
    corpus: Annotated[Path | None, typer.Option("--corpus", help="RDF: corpus folder or file.")] = None,
    practice: Annotated[
        str | None, typer.Option(help="graphml/csv: only organisations adopting this practice id, and their edges.")
    ] = None,
    region: Annotated[
        str | None, typer.Option(help="graphml/csv: only entities in this place (key or name), and their edges.")
    ] = None,
    types: Annotated[
        list[str] | None, typer.Option("--types", help="graphml/csv: relationship types (repeat or A,B).")
    ] = None,
    start_neo4j: Annotated[bool, typer.Option(help="graphml/csv: start the embedded Neo4j if needed.")] = True,
) -> None:
    """Export the graph as RDF of the extraction (ttl, jsonld, nt) or, from Neo4j, for Gephi/R/pandas (graphml, csv)."""
    from graph_loader.rdf_export import FORMATS, serialize

    if fmt in graph_export.FORMATS:
        if corpus is not None:
            raise InputError("--corpus applies to the RDF formats; graphml and csv are read from the loaded graph")
        graph_export.export_graph(fmt, out, practice=practice, region=region, types=types, start_neo4j=start_neo4j)
        return
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; use one of {', '.join((*FORMATS, *graph_export.FORMATS))}")
    if practice is not None or region is not None or types:
        raise InputError("--practice, --region and --types apply to --format graphml and csv only")
    text = serialize(_graph_from_corpus(corpus), fmt)
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")
        Console(stderr=True).print(f"wrote {out}")


def validate(
    file: Annotated[
        Path | None,
        typer.Argument(help="RDF file (.ttl, .jsonld, .nt); default: export the corpus and check it."),
    ] = None,
    corpus: Annotated[
        Path | None, typer.Option("--corpus", help="Corpus to check when no FILE is given.")
    ] = None,
) -> None:
    """Check an RDF export against the SHACL shapes; exit 1 when there are violations."""
    from rdflib import Graph

    from graph_loader.rdf_validate import validate as shacl_validate

    if file is None:
        graph = _graph_from_corpus(corpus)
    else:
        if not file.is_file():
            raise InputError(f"no such file: {file}")
        graph = Graph()
        try:
            graph.parse(file, format=FORMAT_BY_SUFFIX.get(file.suffix.lower(), "turtle"))
        except Exception as error:  # noqa: BLE001 — rdflib raises many parser-specific types
            raise InputError(f"cannot parse {file}: {error}") from None
    violations = shacl_validate(graph)
    console = Console(emoji=False, markup=False, highlight=False, soft_wrap=True)
    for violation in violations:
        console.print(str(violation))
    errors = sum(1 for v in violations if v.severity == "Violation")
    summary = f"{len(graph)} triples; {errors} violation(s), {len(violations) - errors} warning(s)/info"
    if errors:
        raise UkgError(f"does not conform to the shapes: {summary}")  # exit 1, rendered by cli.main
    Console(stderr=True).print(f"conforms: {summary}", highlight=False)


def register(app: typer.Typer) -> None:
    """Wire `export` and `validate` into the ukg app."""
    app.command("export")(export)
    app.command("validate")(validate)
