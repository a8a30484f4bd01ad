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
    if settings.external:
        yield settings.uri
        return
    neo4j_embedded.start(settings.port)
    try:
        yield settings.uri
    finally:
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
