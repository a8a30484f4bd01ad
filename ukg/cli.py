"""The `ukg` command line. Each command is a thin call into the pipeline modules.

Errors derived from UkgError (and Neo4j going away under a command) become a one-line message
and exit code 1 here — the one place where CLI errors are rendered — so a user never sees a
traceback for a problem they can fix.
"""

from __future__ import annotations

import importlib
import logging
import sys

import typer
from neo4j.exceptions import ServiceUnavailable, SessionExpired
from rich.console import Console

from graph_loader.errors import UkgError

app = typer.Typer(
    name="ukg",
    help="Knowledge graph of Zhejiang's trade-union reform.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Command modules, each with `register(app)`. Order only affects `ukg --help`.
COMMAND_MODULES = (
    "ukg.commands.neo4j",
    "ukg.commands.text",
    "ukg.commands.extract",
    "ukg.commands.build",
    "ukg.commands.rdf",
    "ukg.commands.serve",
    "ukg.commands.render",
    "ukg.commands.diffusion",
    "ukg.commands.curation",
)

for _module_name in COMMAND_MODULES:
    importlib.import_module(_module_name).register(app)


def main() -> None:
    """Entry point: run the Typer app (which renders usage errors), rendering UkgError as one line."""
    # The driver logs every retry and dropped connection as a warning (Python's last-resort handler
    # prints them on stderr); a failure that outlasts the retries is reported once, below.
    logging.getLogger("neo4j").addHandler(logging.NullHandler())
    try:
        app()
    except UkgError as error:
        _fail(str(error))
    except (ServiceUnavailable, SessionExpired) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        _fail(f"Neo4j stopped answering ({reason}); start it with `ukg neo4j start` and run the command again")


def _fail(message: str) -> None:
    Console(stderr=True).print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    sys.exit(1)
