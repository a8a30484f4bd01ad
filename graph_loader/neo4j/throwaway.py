"""A throwaway embedded Neo4j for tests and benchmarks: its own data folder and a free port.

Why one helper: the test session and every benchmark need the same thing — a Neo4j that is
not the user's, pointed at through the same environment variables every command reads, and
removed afterwards whatever happens. With NEO4J_URI set, that external server is used and
nothing is started or removed.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from graph_loader.neo4j import embedded


@dataclass(frozen=True)
class ThrowawayNeo4j:
    state: Path
    port: int | None  # None: an external Neo4j (NEO4J_URI) is used instead

    @property
    def external(self) -> bool:
        return self.port is None

    @classmethod
    def prepare(cls, prefix: str = "ukg-throwaway-") -> ThrowawayNeo4j:
        """Point UKG_STATE_DIR and UKG_NEO4J_PORT at a new folder and a free port (nothing starts yet).

        Done before anything reads the settings, so in-process code and `ukg` subprocesses alike
        talk to this instance."""
        state = Path(tempfile.mkdtemp(prefix=prefix))
        os.environ["UKG_STATE_DIR"] = str(state)
        if os.environ.get("NEO4J_URI"):
            return cls(state, None)
        port = embedded.free_port()
        os.environ["UKG_NEO4J_PORT"] = str(port)
        return cls(state, port)

    def start(self) -> None:
        if self.port is not None:
            embedded.start(self.port)

    def stop(self) -> None:
        if self.port is not None:
            embedded.stop()

    def remove(self) -> None:
        """Stop the instance and delete its folder (safe to call twice)."""
        self.stop()
        shutil.rmtree(self.state, ignore_errors=True)


@contextmanager
def throwaway_neo4j(prefix: str = "ukg-bench-") -> Iterator[ThrowawayNeo4j]:
    """A started throwaway instance for the duration of the block, removed afterwards."""
    instance = ThrowawayNeo4j.prepare(prefix)
    instance.start()
    try:
        yield instance
    finally:
        instance.remove()
