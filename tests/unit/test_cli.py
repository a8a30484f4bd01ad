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
