"""The `ukg` command line as a user runs it: clear one-line errors, idempotent builds."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.support.paths import CORPUS


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


@pytest.mark.integration
def test_build_twice_gives_identical_counts(built_graph) -> None:
    first = ukg("build", "--corpus", str(CORPUS))
    assert first.returncode == 0, first.stderr
    second = ukg("build", "--corpus", str(CORPUS))
    assert second.returncode == 0, second.stderr
    assert "0 / 5" in second.stdout  # documents loaded / unchanged: nothing reloaded

    def counts(output: str) -> list[str]:
        return [line for line in output.splitlines() if "nodes :" in line or "relationships :" in line]

    assert counts(first.stdout) and counts(first.stdout) == counts(second.stdout)
