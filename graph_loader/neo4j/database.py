"""A lazily opened Neo4j driver for readers (the API, `ukg render`, `ukg diffusion`).

Why lazy: the API must start, and answer 503 with a reason, while Neo4j is still down or
restarting; the driver is opened on the first read and dropped when the server goes away, so the
next read reconnects. Connection failures become StoreUnavailable, which every caller maps once.
`read` has the shape of `queries.Read`, so `QueryReader(database.read)` runs named queries on it.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

from neo4j import READ_ACCESS, Driver, RoutingControl, unit_of_work
from neo4j.exceptions import ServiceUnavailable, SessionExpired

from graph_loader.errors import StoreUnavailable
from graph_loader.neo4j.store import open_driver
from graph_loader.settings import Neo4jSettings, neo4j_settings


class Database:
    """Runs read queries; turns connection failures into StoreUnavailable (→ 503 in the API)."""

    def __init__(self, settings: Neo4jSettings | None = None) -> None:
        self.settings = settings or neo4j_settings()
        self._driver: Driver | None = None
        self._lock = threading.Lock()

    def driver(self) -> Driver:
        with self._lock:
            if self._driver is None:
                self._driver = open_driver(self.settings)
            return self._driver

    def read(self, query: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run a read query in a read transaction; rows as plain dicts."""
        try:
            records, _, _ = self.driver().execute_query(query, dict(params or {}), routing_=RoutingControl.READ)
        except (ServiceUnavailable, SessionExpired) as error:
            self.close()
            raise StoreUnavailable(f"Neo4j is not reachable at {self.settings.uri}") from error
        return [record.data() for record in records]

    def read_limited(
        self, query: str, params: dict[str, Any], limit: int, timeout: float
    ) -> tuple[list[str], list[Any], bool]:
        """Run caller Cypher in a READ transaction with a server-side timeout; stop after `limit` rows.

        Returns (columns, rows, truncated).
        """

        @unit_of_work(timeout=timeout)
        def work(tx: Any) -> tuple[list[str], list[Any], bool]:
            result = tx.run(query, params)
            rows = []
            for record in result:
                if len(rows) == limit:
                    return list(result.keys()), rows, True
                rows.append(_jsonable(record.data()))
            return list(result.keys()), rows, False

        try:
            with self.driver().session(default_access_mode=READ_ACCESS) as session:
                return session.execute_read(work)
        except (ServiceUnavailable, SessionExpired) as error:
            self.close()
            raise StoreUnavailable(f"Neo4j is not reachable at {self.settings.uri}") from error

    def close(self) -> None:
        with self._lock:
            if self._driver is not None:
                self._driver.close()
                self._driver = None


def _jsonable(value: Any) -> Any:
    """Neo4j temporal and spatial values → strings, so any caller query's rows serialise."""
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)
