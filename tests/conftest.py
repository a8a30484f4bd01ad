"""Test session setup: a throwaway embedded Neo4j on a free port with its own data folder.

The environment is set at import time, before any test imports settings, so every command a
test runs (in-process or as a `ukg` subprocess) talks to this instance. With NEO4J_URI set,
the external server is used instead and nothing is started. The instance is stopped at the
end of the session whether tests pass or fail.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

_EXTERNAL = bool(os.environ.get("NEO4J_URI"))
_STATE = Path(tempfile.mkdtemp(prefix="ukg-test-state-"))
os.environ["UKG_STATE_DIR"] = str(_STATE)
if not _EXTERNAL:
    from graph_loader.neo4j_embedded import free_port

    os.environ["UKG_NEO4J_PORT"] = str(free_port())

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus"


@pytest.fixture(scope="session")
def neo4j_instance() -> Iterator[str]:
    """Start (once) the throwaway Neo4j; yields its Bolt URI."""
    from graph_loader import neo4j_embedded
    from graph_loader.settings import neo4j_settings

    settings = neo4j_settings()
    if not settings.external:
        neo4j_embedded.start(settings.port)
    _remember_version()
    try:
        yield settings.uri
    finally:
        if not settings.external:
            neo4j_embedded.stop()


@pytest.fixture(scope="session")
def driver(neo4j_instance: str):
    from graph_loader.store import open_driver

    drv = open_driver()
    yield drv
    drv.close()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Belt and braces: never leave the throwaway Neo4j or its data behind."""
    if not _EXTERNAL:
        from graph_loader import neo4j_embedded

        neo4j_embedded.stop()
    shutil.rmtree(_STATE, ignore_errors=True)


@pytest.fixture(scope="session")
def built_graph(neo4j_instance: str):
    """The corpus built into the test Neo4j once per session (as `ukg build` does)."""
    from graph_loader.graph_build import build_graph

    return build_graph(CORPUS, reset=True)


def pytest_report_header(config: pytest.Config) -> str:
    if _EXTERNAL:
        return f"integration tests: external Neo4j at {os.environ['NEO4J_URI']}"
    return f"integration tests: throwaway embedded Neo4j on 127.0.0.1:{os.environ['UKG_NEO4J_PORT']} ({_STATE})"


_INTEGRATION_OUTCOMES: dict[str, int] = {}
_SERVER_VERSION: dict[str, str] = {}


def _remember_version() -> None:
    from graph_loader.store import open_driver, server_version

    driver = open_driver()
    try:
        _SERVER_VERSION["version"] = server_version(driver)
    finally:
        driver.close()


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "call" and "integration" in report.keywords:
        _INTEGRATION_OUTCOMES[report.outcome] = _INTEGRATION_OUTCOMES.get(report.outcome, 0) + 1


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    """Say plainly that the integration tests talked to a live Neo4j, and which version."""
    if not _INTEGRATION_OUTCOMES:
        return
    version = _SERVER_VERSION.get("version", "unknown")
    outcomes = ", ".join(f"{count} {outcome}" for outcome, count in sorted(_INTEGRATION_OUTCOMES.items()))
    terminalreporter.write_line(f"integration tests against live Neo4j {version}: {outcomes}")


def render_practice_file(tmp_path: Path) -> Path:
    """Run `ukg render practice craftsman-school --out …` as a user would; the file it wrote."""
    import subprocess
    import sys

    out = tmp_path / "x.html"
    result = subprocess.run(
        [sys.executable, "-m", "graph_loader", "render", "practice", "craftsman-school", "--out", str(out)],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return out
