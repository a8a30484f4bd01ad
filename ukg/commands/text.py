"""`ukg normalize FILE` and `ukg segment FILE`: look at the text stages on their own.

They exist to debug the cleaning and the article cuts without running extraction:
`normalize` prints the repaired text (and repair flags on stderr), `segment` prints the
articles as JSON Lines (one object per article) or as a table.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from graph_loader.errors import InputError
from graph_loader.records import Article
from graph_loader.text.normalize import normalize
from graph_loader.text.segment import segment
from graph_loader.text.sources import load_document

FORMATS = ("jsonl", "table")
FileArgument = Annotated[Path, typer.Argument(help="a corpus text file")]


def article_json(article: Article) -> dict[str, Any]:
    """The JSON object `ukg segment --format jsonl` prints for one article."""
    return {
        "doc": article.doc_id,
        "index": article.index,
        "title": article.title,
        "subtitle": article.subtitle,
        "unit": article.unit,
        "authors": [{"name": a.name, "role": a.role} for a in article.authors],
        "date": article.date,
        "date_basis": article.date_basis,
        "kind": article.kind,
        "start": article.start,
        "end": article.end,
        "raw_start": article.raw_start,
        "raw_end": article.raw_end,
        "text": article.text,
    }


def _table(articles: list[Article]) -> str:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    for column in ("#", "kind", "date", "unit", "title", "authors", "chars"):
        table.add_column(column)
    for a in articles:
        authors = ", ".join(f"{x.role}{x.name}" for x in a.authors)
        table.add_row(str(a.index), a.kind, a.date, a.unit, a.title, authors, str(len(a.text)))
    console = Console(record=True, width=160)
    with console.capture() as capture:
        console.print(table)
    return capture.get()


def register(app: typer.Typer) -> None:
    @app.command("normalize")
    def normalize_command(file: FileArgument) -> None:
        """Print the normalised text of FILE (repair flags go to stderr)."""
        document = normalize(load_document(file))
        sys.stdout.write(document.text + "\n")
        for flag in document.flags:
            sys.stderr.write(f"flag {flag.rule} [{flag.raw_start}:{flag.raw_end}] {flag.message}\n")

    @app.command("segment")
    def segment_command(
        file: FileArgument,
        fmt: Annotated[str, typer.Option("--format", help="output format: jsonl or table")] = "jsonl",
    ) -> None:
        """Print the articles of FILE, one JSON object per line or as a table."""
        if fmt not in FORMATS:
            raise InputError(f"unknown format {fmt!r} (use one of: {', '.join(FORMATS)})")
        articles = segment(normalize(load_document(file)))
        if fmt == "table":
            sys.stdout.write(_table(articles))
            return
        for article in articles:
            sys.stdout.write(json.dumps(article_json(article), ensure_ascii=False) + "\n")
