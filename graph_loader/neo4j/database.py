"""A lazily opened Neo4j driver for readers (the API, `ukg render`, `ukg diffusion`).

Why lazy: the API must start, and answer 503 with a reason, while Neo4j is still down or
restarting; the driver is opened on the first read and dropped when the server goes away, so the
next read reconnects. Connection failures become StoreUnavailable, which every caller maps once.
`read` has the shape of `queries.Read`, so `QueryReader(database.read)` runs named queries on it.
The driver has the reader's short timeouts (store.open_driver), so a dead Neo4j is a quick 503.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from neo4j import READ_ACCESS, Driver, RoutingControl
from neo4j.exceptions import ClientError, DriverError, Neo4jError, ServiceUnavailable, SessionExpired
from neo4j.graph import Node, Path, Relationship
from neo4j.spatial import Point

from graph_loader.errors import StoreUnavailable
from graph_loader.neo4j.store import open_driver
from graph_loader.settings import Neo4jSettings, neo4j_settings

# Checks an EXPLAIN plan before the query runs: (plan, query type, database) → None or raises.
PlanCheck = Callable[[Mapping[str, Any] | None, str | None, str], None]


class UnplannableQuery(ValueError):
    """Neo4j could not parse or plan caller Cypher; the message is Neo4j's, on one line."""


@dataclass(frozen=True)
class CallerResult:
    columns: list[str]
    rows: list[Any]
    truncated: bool


class Database:
    """Runs read queries; turns connection failures into StoreUnavailable (→ 503 in the API)."""

    def __init__(self, settings: Neo4jSettings | None = None) -> None:
        self.settings = settings or neo4j_settings()
        self._driver: Driver | None = None
        self._lock = threading.Lock()

    def driver(self) -> Driver:
        with self._lock:
            if self._driver is None:
                self._driver = open_driver(self.settings, reader=True)
            return self._driver

    def read(self, query: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run a read query in a read transaction; rows as plain dicts."""
        try:
            records, _, _ = self.driver().execute_query(query, dict(params or {}), routing_=RoutingControl.READ)
        except (ServiceUnavailable, SessionExpired) as error:
            self.close()
            raise StoreUnavailable(f"Neo4j is not reachable at {self.settings.uri}") from error
        return [record.data() for record in records]

    def read_caller(
        self,
        query: str,
        params: dict[str, Any],
        *,
        limit: int,
        max_bytes: int,
        timeout: float,
        check_plan: PlanCheck,
    ) -> CallerResult:
        """Run caller Cypher: EXPLAIN, `check_plan`, then the query, in one READ transaction.

        Why an explicit transaction: the driver retries managed transactions (execute_read) for up
        to 30 s, so a query that times out or is slow to plan ran again and again; an explicit
        transaction runs once. Its timeout bounds the planning and the run together. The rows stop
        at `limit` rows or `max_bytes` of JSON, whichever comes first (`truncated` says so).
        """
        try:
            with self.driver().session(default_access_mode=READ_ACCESS) as session:
                tx = session.begin_transaction(timeout=timeout)
                try:
                    try:
                        summary = tx.run("EXPLAIN " + query, params).consume()
                    except ClientError as error:
                        if "TimedOut" in (error.code or ""):
                            raise
                        raise UnplannableQuery(" ".join((error.message or str(error)).split())) from error
                    check_plan(summary.plan, summary.query_type, summary.database or "neo4j")
                    return _collect(tx.run(query, params), limit, max_bytes)
                finally:
                    _close_quietly(tx)
        except (ServiceUnavailable, SessionExpired) as error:
            self.close()
            raise StoreUnavailable(f"Neo4j is not reachable at {self.settings.uri}") from error

    def close(self) -> None:
        with self._lock:
            if self._driver is not None:
                self._driver.close()
                self._driver = None


def _close_quietly(tx: Any) -> None:
    """Roll back a caller transaction; the rows already taken stand even if the server has since
    timed it out (the rest of an over-long result is what the timeout stopped)."""
    try:
        tx.close()
    except (Neo4jError, DriverError):
        pass


class _OverBudget(Exception):
    """A row would take the answer past its byte cap."""


def _collect(result: Any, limit: int, max_bytes: int) -> CallerResult:
    """Rows until `limit` rows or about `max_bytes` of JSON; the rest is left to the rollback."""
    columns = list(result.keys())
    rows: list[Any] = []
    budget = [max_bytes - 2]  # the brackets of the list
    for record in result:
        if len(rows) == limit:
            return CallerResult(columns, rows, True)
        try:
            rows.append(_jsonable(dict(zip(columns, record.values(), strict=True)), budget))
        except _OverBudget:
            return CallerResult(columns, rows, True)
    return CallerResult(columns, rows, False)


def _jsonable(value: Any, budget: list[int]) -> Any:
    """`value` as JSON-ready data: nodes as their properties, relationships and paths as
    `Record.data()` renders them, temporal values as ISO strings, points as EWKT strings.

    Counts down `budget` by the value's JSON size as it goes and stops as soon as it runs out, so a
    single huge value (`RETURN range(1, 10000000)`) costs a bounded amount of work, not a full walk
    (the driver's own `Record.data()` took two minutes over that list).
    """
    budget[0] -= 1  # the separator after the value
    kind = type(value)
    if value is None or kind is bool:
        budget[0] -= 5
        result: Any = value
    elif kind is str:
        budget[0] -= len(value.encode("utf-8")) + 2
        result = value
    elif kind is int or kind is float:
        budget[0] -= len(repr(value))
        result = value
    elif isinstance(value, Node):
        result = _jsonable(dict(value), budget)
    elif isinstance(value, Relationship):
        start, end = value.start_node, value.end_node
        ends = [dict(start) if start is not None else None, dict(end) if end is not None else None]
        result = _jsonable([ends[0], value.type, ends[1]], budget)
    elif isinstance(value, Path):
        steps: list[Any] = [dict(value.start_node)]
        for relationship, node in zip(value.relationships, value.nodes[1:], strict=True):
            steps += [relationship.type, dict(node)]
        result = _jsonable(steps, budget)
    elif hasattr(value, "iso_format"):  # dates, times, durations (a Duration is also a tuple)
        result = value.iso_format()
        budget[0] -= len(result) + 2
    elif isinstance(value, Point):
        result = f"SRID={value.srid};POINT({' '.join(repr(float(c)) for c in value)})"
        budget[0] -= len(result) + 2
    elif isinstance(value, dict):
        converted = {}
        for key, item in value.items():
            budget[0] -= len(str(key).encode("utf-8")) + 3
            converted[str(key)] = _jsonable(item, budget)
        budget[0] -= 2
        result = converted
    elif isinstance(value, list | tuple | set | frozenset):
        budget[0] -= 2
        result = [_jsonable(item, budget) for item in value]
    else:  # bytes and anything newer
        result = str(value)
        budget[0] -= len(result.encode("utf-8")) + 2
    if budget[0] < 0:
        raise _OverBudget
    return result
