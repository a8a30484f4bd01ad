"""Test session setup: a throwaway embedded Neo4j on a free port with its own data folder.

The environment is set at import time, before any test imports settings, so every command a
test runs (in-process or as a `ukg` subprocess) talks to this instance. With NEO4J_URI set,
the external server is used instead and nothing is started. The instance is stopped at the
end of the session whether tests pass or fail.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from graph_loader.neo4j.store import open_driver, server_version
from graph_loader.neo4j.throwaway import ThrowawayNeo4j
from graph_loader.settings import neo4j_settings
from tests.support.paths import CORPUS
from ukg.build import build_graph

pytest_plugins = ["tests.support.synthetic_fixtures"]

# Prepared at import, before any test reads the settings; started by the first integration test.
_INSTANCE = ThrowawayNeo4j.prepare("ukg-test-state-")


@pytest.fixture(scope="session")
def neo4j_instance() -> Iterator[str]:
    """Start (once) the throwaway Neo4j; yields its Bolt URI."""
    _INSTANCE.start()
    _remember_version()
    try:
        yield neo4j_settings().uri
    finally:
        _INSTANCE.stop()


@pytest.fixture(scope="session")
def driver(neo4j_instance: str):
    drv = open_driver()
    yield drv
    drv.close()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Belt and braces: never leave the throwaway Neo4j or its data behind."""
    _INSTANCE.remove()


@pytest.fixture(scope="session")
def built_graph(neo4j_instance: str):
    """The corpus built into the test Neo4j once per session (as `ukg build` does)."""
    return build_graph(CORPUS, reset=True)


def pytest_report_header(config: pytest.Config) -> str:
    if _INSTANCE.external:
        return f"integration tests: external Neo4j at {os.environ['NEO4J_URI']}"
    return f"integration tests: throwaway embedded Neo4j on 127.0.0.1:{_INSTANCE.port} ({_INSTANCE.state})"


_INTEGRATION_OUTCOMES: dict[str, int] = {}
_SERVER_VERSION: dict[str, str] = {}


def _remember_version() -> None:
    driver = open_driver()
    try:
        _SERVER_VERSION["version"] = server_version(driver)
    finally:
        driver.close()


_INTEGRATION_IDS: set[str] = set()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Remember which tests carry the `integration` marker (the folder name is a keyword too)."""
    _INTEGRATION_IDS.update(item.nodeid for item in items if item.get_closest_marker("integration"))


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "call" and report.nodeid in _INTEGRATION_IDS:
        _INTEGRATION_OUTCOMES[report.outcome] = _INTEGRATION_OUTCOMES.get(report.outcome, 0) + 1


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    """Say plainly that the integration tests talked to a live Neo4j, and which version."""
    if not _INTEGRATION_OUTCOMES:
        return
    version = _SERVER_VERSION.get("version", "unknown")
    outcomes = ", ".join(f"{count} {outcome}" for outcome, count in sorted(_INTEGRATION_OUTCOMES.items()))
    terminalreporter.write_line(f"integration tests against live Neo4j {version}: {outcomes}")
