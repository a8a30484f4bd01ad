"""The graph's version, as the response cache keys its entries: read from Neo4j at most once per `ttl`.

Why a version instead of a time-to-live on every response: the graph only changes when a build
runs, so a response stays right until then, however old. Each build rewrites the load stamp and
the `complete` flag of every document it touches and removes the documents whose file is gone, so
the stamps (with the node and relationship totals, for writes that bypass the loader) change with
every change of the graph. Reading them costs one small query (about 10 ms), so it is done at most
once per `ttl` seconds for all requests together: a build is visible to readers within `ttl`.
When Neo4j cannot be read the version is None and nothing is cached or served from the cache,
so a dead Neo4j still gives 503 within `ttl` plus the driver's connection timeout.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections.abc import Callable
from typing import Any
from weakref import WeakKeyDictionary

import anyio.to_thread
from neo4j.exceptions import DriverError, Neo4jError

from graph_loader.errors import StoreUnavailable
from queries import loader_query

DEFAULT_TTL = 1.0

ReadRows = Callable[[str], list[dict[str, Any]]]


class GraphVersion:
    """A short fingerprint of the graph's state; None while Neo4j cannot be read."""

    def __init__(self, read: ReadRows, ttl: float = DEFAULT_TTL) -> None:
        self._read = read
        self._ttl = ttl
        self._value: str | None = None
        self._read_at = -float("inf")
        self._locks: WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = WeakKeyDictionary()

    async def current(self) -> str | None:
        if self._ttl <= 0:
            return await self._fetch()
        if time.monotonic() - self._read_at < self._ttl:
            return self._value
        # One request refreshes, the others wait for its answer. A lock per event loop, since a
        # test client may run the same app in several loops one after the other.
        lock = self._locks.setdefault(asyncio.get_running_loop(), asyncio.Lock())
        async with lock:
            if time.monotonic() - self._read_at >= self._ttl:
                self._value = await self._fetch()
                self._read_at = time.monotonic()
            return self._value

    async def _fetch(self) -> str | None:
        try:
            rows = await anyio.to_thread.run_sync(self._read, loader_query("graph_version"))
        except (StoreUnavailable, Neo4jError, DriverError):
            return None
        return hashlib.blake2b(repr(rows).encode(), digest_size=12).hexdigest()
