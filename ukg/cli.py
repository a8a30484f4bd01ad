"""The `ukg` command line. Each command is a thin call into the pipeline modules.

Errors derived from UkgError (and Neo4j going away under a command) become a one-line message
and exit code 1 here — the one place where CLI errors are rendered — so a user never sees a
traceback for a problem they can fix.

Why commands load lazily: the command modules bring the Neo4j driver, scipy, pandas and the
map code with them (about 4 s at start-up). `ukg extract` should not wait for what `ukg serve`
or `ukg diffusion` needs, so a command's module is imported only when that command runs or
help lists it. COMMANDS names the module of every command; a test checks it against what the
modules register.
"""

from __future__ import annotations

import importlib
import logging
import sys
from collections.abc import Iterator, MutableMapping
from typing import Any

import click
import typer
import typer.main
from rich.console import Console
from typer.core import TyperGroup

from graph_loader.errors import UkgError

# Command name → the module whose `register(app)` adds it. Order is the order of `ukg --help`.
COMMANDS = {
    "neo4j": "ukg.commands.neo4j",
    "normalize": "ukg.commands.text",
    "segment": "ukg.commands.text",
    "extract": "ukg.commands.extract",
    "build": "ukg.commands.build",
    "export": "ukg.commands.rdf",
    "validate": "ukg.commands.rdf",
    "serve": "ukg.commands.serve",
    "render": "ukg.commands.render",
    "diffusion": "ukg.commands.diffusion",
    "curation": "ukg.commands.curation",
    "token": "ukg.commands.curation",
}


def commands_of(module: str) -> dict[str, click.Command]:
    """The click commands that `module` registers, by name."""
    sub = typer.Typer()
    importlib.import_module(module).register(sub)
    return dict(typer.main.get_group(sub).commands)


class _LazyCommands(MutableMapping[str, click.Command]):
    """The group's command table: every name known from COMMANDS, each module imported on first use."""

    def __init__(self) -> None:
        self._loaded: dict[str, click.Command] = {}

    def __getitem__(self, name: str) -> click.Command:
        if name not in self._loaded:
            if name not in COMMANDS:
                raise KeyError(name)
            self._loaded.update(commands_of(COMMANDS[name]))
        return self._loaded[name]

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        del self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys([*COMMANDS, *self._loaded]))

    def __len__(self) -> int:
        return len(dict.fromkeys([*COMMANDS, *self._loaded]))


class _LazyGroup(TyperGroup):
    """The ukg group, with the lazy command table in place of the one Typer fills."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = _LazyCommands()


app = typer.Typer(
    name="ukg",
    cls=_LazyGroup,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """Knowledge graph of Zhejiang's trade-union reform."""


def main() -> None:
    """Entry point: run the Typer app (which renders usage errors), rendering UkgError as one line."""
    # The driver logs every retry and dropped connection as a warning (Python's last-resort handler
    # prints them on stderr); a failure that outlasts the retries is reported once, below.
    logging.getLogger("neo4j").addHandler(logging.NullHandler())
    try:
        app()
    except UkgError as error:
        _fail(str(error))
    except Exception as error:
        if not _neo4j_gone(error):
            raise
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        _fail(f"Neo4j stopped answering ({reason}); start it with `ukg neo4j start` and run the command again")


def _neo4j_gone(error: Exception) -> bool:
    """Did the Neo4j driver lose the server? Only a command that loaded the driver can raise that,
    so the driver is not imported here just to ask."""
    driver_errors = sys.modules.get("neo4j.exceptions")
    return driver_errors is not None and isinstance(
        error, (driver_errors.ServiceUnavailable, driver_errors.SessionExpired))


def _fail(message: str) -> None:
    Console(stderr=True).print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    sys.exit(1)
