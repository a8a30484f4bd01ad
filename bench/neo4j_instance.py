"""A throwaway embedded Neo4j for benchmarks (own data folder, free port), or NEO4J_URI if set."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def throwaway_neo4j() -> Iterator[None]:
    """Point the settings at a fresh embedded Neo4j for the duration of the block."""
    if os.environ.get("NEO4J_URI"):
        yield
        return
    from graph_loader import neo4j_embedded

    state = tempfile.mkdtemp(prefix="ukg-bench-")
    port = neo4j_embedded.free_port()
    os.environ["UKG_STATE_DIR"] = state
    os.environ["UKG_NEO4J_PORT"] = str(port)
    neo4j_embedded.start(port)
    try:
        yield
    finally:
        neo4j_embedded.stop()
        shutil.rmtree(state, ignore_errors=True)
