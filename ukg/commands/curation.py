"""`ukg curation list|export|import|revert` and `ukg token create|list|revoke`.

The log and the tokens live in the state directory (graph_loader.curation); corrections take
effect at the next `ukg build`. Writing corrections is the API's job (`POST /curation`), where a
token names the author; from the command line a researcher reviews, exports, imports and reverts.
"""

from __future__ import annotations

import getpass
import sys
from pathlib import Path
from typing import Annotated

import orjson
import typer
from rich.console import Console
from rich.table import Table

from graph_loader.curation.gold import gold_records
from graph_loader.curation.log import CurationLog, in_force
from graph_loader.curation.stage import curate
from graph_loader.curation.tokens import TokenStore
from graph_loader.errors import InputError
from graph_loader.pipeline import run_extraction
from graph_loader.settings import default_corpus_dir

curation_app = typer.Typer(help="Researchers' corrections: list, export, import, revert (applied at each build).")
token_app = typer.Typer(help="Bearer tokens for the API's write endpoints (stored hashed).")


@curation_app.command("list")
def list_corrections(
    author: Annotated[str | None, typer.Option(help="Only this author's corrections.")] = None,
    kind: Annotated[str | None, typer.Option(help="Only this kind, e.g. reject-edge.")] = None,
) -> None:
    """The log, oldest first, with whether each correction is in force."""
    corrections = CurationLog().read()
    active = in_force(corrections)
    table = Table(title=f"curation log: {CurationLog().path}")
    for column in ("id", "time", "author", "kind", "target", "in force", "reason"):
        table.add_column(column)
    for c in corrections:
        if (author and c.author != author) or (kind and c.kind != kind):
            continue
        target = c.edge.key if c.edge else c.entity or c.reverts or ""
        table.add_row(c.id, c.time, c.author, c.kind, target, "yes" if c.id in active else "no", c.reason)
    Console().print(table)


@curation_app.command("export")
def export_log(
    out: Annotated[Path | None, typer.Option("--out", "-o", help="File to write (default: stdout).")] = None,
    fmt: Annotated[str, typer.Option("--format", help="jsonl: the log; gold: the corrected facts as gold.")] = "jsonl",
    corpus: Annotated[Path | None, typer.Option("--corpus", help="gold: the corpus the log was made on.")] = None,
) -> None:
    """The log as JSON Lines (for `ukg curation import`), or with --format gold the confirmed, added
    and re-dated facts as gold-format records with the rejected ones as `must_not` (for score.py)."""
    if fmt == "jsonl":
        lines = b"".join(orjson.dumps(c.to_json()) + b"\n" for c in CurationLog().read())
    elif fmt == "gold":
        corpus_path = corpus or default_corpus_dir()
        if not corpus_path.exists():
            raise InputError(f"corpus not found: {corpus_path}")
        curated = curate(run_extraction(corpus_path).graph)
        lines = b"".join(orjson.dumps(record) + b"\n" for record in gold_records(curated))
    else:
        raise InputError(f"unknown format {fmt!r}; use jsonl or gold")
    if out is None:
        sys.stdout.buffer.write(lines)
    else:
        out.write_bytes(lines)
        Console(stderr=True).print(f"wrote {out}")


@curation_app.command("import")
def import_log(file: Annotated[Path, typer.Argument(help="An exported log (JSON Lines).")]) -> None:
    """Append the corrections of FILE that the log lacks (by id); nothing is replaced."""
    added, known = CurationLog().import_from(file)
    Console(stderr=True).print(f"imported {added} correction(s); {known} already in the log")


@curation_app.command("revert")
def revert(
    correction_id: Annotated[str, typer.Argument(help="The id of the correction to undo.")],
    reason: Annotated[str, typer.Option(help="Why.")] = "",
    author: Annotated[str | None, typer.Option(help="Who (default: the login name).")] = None,
) -> None:
    """Undo a correction by logging its revert (the log keeps both)."""
    CurationLog().revert(correction_id, author or getpass.getuser(), reason)
    Console(stderr=True).print(f"reverted {correction_id}; the next `ukg build` applies it")


@token_app.command("create")
def create_token(name: Annotated[str, typer.Argument(help="Author name recorded with each correction.")]) -> None:
    """Create a token and print it once (only its hash is stored)."""
    secret = TokenStore().create(name)
    typer.echo(secret)
    Console(stderr=True).print(f"token for {name!r} created; it is shown only now — keep it")


@token_app.command("list")
def list_tokens() -> None:
    """Token names with their creation and revocation times (never the tokens)."""
    table = Table(title="tokens")
    for column in ("name", "created", "revoked"):
        table.add_column(column)
    for token in TokenStore().tokens():
        table.add_row(token.name, token.created, token.revoked or "—")
    Console().print(table)


@token_app.command("revoke")
def revoke_token(name: Annotated[str, typer.Argument(help="The token's name.")]) -> None:
    """Revoke a token: its writes are refused with 403 from now on."""
    TokenStore().revoke(name)
    Console(stderr=True).print(f"token {name!r} revoked")


def register(app: typer.Typer) -> None:
    app.add_typer(curation_app, name="curation")
    app.add_typer(token_app, name="token")
