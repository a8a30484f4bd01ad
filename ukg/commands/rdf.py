"""`ukg export` and `ukg validate` — the graph as RDF, checked against the ontology's shapes.

Thin wrappers: extraction lives in graph_loader.pipeline, RDF building and SHACL in
graph_loader.rdf_export. Heavy imports happen inside the commands so `ukg --help` stays fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from graph_loader.errors import InputError, UkgError
from graph_loader.settings import default_corpus_dir

if TYPE_CHECKING:
    from rdflib import Graph

FORMAT_BY_SUFFIX = {".ttl": "turtle", ".jsonld": "json-ld", ".json": "json-ld", ".nt": "nt"}


def _graph_from_corpus(corpus: Path | None) -> Graph:
    """Run the extraction pipeline over the corpus and build the RDF graph of its records."""
    from graph_loader.pipeline import run_extraction
    from graph_loader.rdf_export import ExportError, graph_to_rdf

    corpus_path = corpus or default_corpus_dir()
    if not corpus_path.exists():
        raise InputError(f"corpus not found: {corpus_path}")
    result = run_extraction(corpus_path)
    try:
        return graph_to_rdf(result.entities, result.relations, result.articles, result.documents)
    except ExportError as error:
        raise UkgError(f"cannot export: {error}") from None


def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="Output format: ttl, jsonld or nt.")] = "ttl",
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write to this file (default: stdout).")
    ] = None,
    corpus: Annotated[Path | None, typer.Option("--corpus", help="Corpus folder or file.")] = None,
) -> None:
    """Export the extracted graph as RDF (instances, evidence and the concept schemes)."""
    from graph_loader.rdf_export import FORMATS, serialize

    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
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
