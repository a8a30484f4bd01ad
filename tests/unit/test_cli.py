"""The `ukg` command line as a user runs it, where no database is needed: help, one-line errors."""

from __future__ import annotations

import os
import subprocess
import sys


def ukg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ukg", *args], capture_output=True, text=True, env=dict(os.environ), timeout=600
    )


def test_build_with_missing_corpus_fails_in_one_line() -> None:
    result = ukg("build", "--corpus", "/nonexistent")
    assert result.returncode != 0
    assert "corpus not found: /nonexistent" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_help_lists_the_commands() -> None:
    result = ukg("--help")
    assert result.returncode == 0
    for command in ("neo4j", "build", "serve", "extract", "normalize", "segment", "export", "validate"):
        assert command in result.stdout


def test_the_command_table_names_what_each_module_registers() -> None:
    """ukg.cli.COMMANDS (what loads lazily) must match the commands each module registers:
    a command added to a module but not to the table would never be found."""
    from ukg.cli import COMMANDS, commands_of

    for module in set(COMMANDS.values()):
        assert set(commands_of(module)) == {name for name, owner in COMMANDS.items() if owner == module}, module


def test_a_command_loads_only_its_own_module() -> None:
    """Start-up stays light: `ukg extract` imports neither the Neo4j driver nor scipy."""
    probe = ("import sys, ukg.cli\n"
             "from typer.testing import CliRunner\n"
             "CliRunner().invoke(ukg.cli.app, ['extract', '--help'])\n"
             "print(sorted(m for m in ('neo4j', 'scipy', 'pandas') if m in sys.modules))\n")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
