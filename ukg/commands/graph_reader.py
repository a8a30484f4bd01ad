"""One way for the commands that read the loaded graph (render, render map, export) to reach it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from graph_loader.neo4j.database import Database
from graph_loader.neo4j.store import ensure_embedded_running
from graph_loader.settings import neo4j_settings
from queries import QueryReader


@contextmanager
def graph_reader(start_neo4j: bool = True) -> Iterator[QueryReader]:
    """A QueryReader on the configured Neo4j for the block, the connection closed after it; the
    embedded Neo4j is started first when `start_neo4j` and it is not running."""
    settings = neo4j_settings()
    if start_neo4j:
        ensure_embedded_running(settings, quiet=True)
    database = Database(settings)
    try:
        yield QueryReader(database.read)
    finally:
        database.close()
