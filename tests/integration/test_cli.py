"""The `ukg` command line against a live Neo4j: a second build changes nothing."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.support.paths import CORPUS

pytestmark = pytest.mark.integration


def ukg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ukg", *args], capture_output=True, text=True, env=dict(os.environ), timeout=600
    )


def test_build_twice_gives_identical_counts(built_graph) -> None:
    first = ukg("build", "--corpus", str(CORPUS))
    assert first.returncode == 0, first.stderr
    second = ukg("build", "--corpus", str(CORPUS))
    assert second.returncode == 0, second.stderr
    assert "0 / 5" in second.stdout  # documents loaded / unchanged: nothing reloaded

    def counts(output: str) -> list[str]:
        """The count rows, without the table's padding (its width follows the longest label, and
        the RDF store's row says "(unchanged)" only on the second build)."""
        rows = [line for line in output.splitlines() if "nodes :" in line or "relationships :" in line]
        return [" ".join(row.split()) for row in rows]

    assert counts(first.stdout) and counts(first.stdout) == counts(second.stdout)
