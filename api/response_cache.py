"""Whole-response cache for GET requests, keyed by the graph's version (ASGI middleware).

Why whole responses: every read endpoint is a pure function of its path, its query string and the
graph, and the graph only changes at a build (api.graph_version). So the bytes of a 200 answer are
kept and sent again until the version changes — the Cypher, the shaping and the JSON or HTML
rendering run once per build instead of once per request, which is what lets 64 clients share two
cores. What is the same for every reader (the diffusion network, the overview) is thereby computed
once per build, on its first request.

- Concurrent first requests for one key share one computation (single flight): the first runs the
  app, the others wait for its answer instead of sending the same heavy query to Neo4j.
- Each answer carries a strong `ETag` (a hash of its body) and `Cache-Control: no-cache`; a request
  whose `If-None-Match` names it gets 304 without a body. `X-UKG-Cache` says hit or miss.
- Only 200 answers are kept, at most `max_entry_bytes` each and `max_bytes` in all, least recently
  used first out: hostile query strings can churn the cache but cannot grow it.
- Not cached: anything but GET, the paths under `UNCACHED`, and every request
  while the version is unknown (Neo4j down), so errors come from the app as before.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.graph_version import DEFAULT_TTL, GraphVersion
from graph_loader.errors import SettingsError

# Path prefixes never cached: liveness; the curation log (it changes without a build); SPARQL (its
# answer depends on the Accept header and on the RDF store, which the graph version does not cover);
# build jobs (their state and progress change while a build runs, before the version does).
UNCACHED = ("/health", "/curation", "/sparql", "/jobs")
DEFAULT_MAX_BYTES = 256 * 1024 * 1024
DEFAULT_MAX_ENTRY_BYTES = 16 * 1024 * 1024
_REVALIDATE = (b"cache-control", b"no-cache")

Headers = list[tuple[bytes, bytes]]


@dataclass(frozen=True)
class Answer:
    """One complete response as the app sent it (status, headers, body)."""

    status: int
    headers: Headers
    body: bytes

    @property
    def size(self) -> int:
        return len(self.body) + sum(len(name) + len(value) for name, value in self.headers)


class ResponseCache:
    def __init__(
        self,
        app: ASGIApp,
        version: GraphVersion,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_entry_bytes: int = DEFAULT_MAX_ENTRY_BYTES,
    ) -> None:
        self.app = app
        self.version = version
        self.max_bytes = max_bytes
        self.max_entry_bytes = min(max_entry_bytes, max_bytes)
        self._entries: OrderedDict[tuple[str, str, bytes], Answer] = OrderedDict()
        self._bytes = 0
        self._inflight: dict[tuple[str, str, bytes], asyncio.Future[Answer | None]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"].startswith(UNCACHED):
            await self.app(scope, receive, send)
            return
        version = await self.version.current()
        if version is None:
            await self.app(scope, receive, send)
            return
        key = (version, scope["path"], scope.get("query_string", b""))
        answer = self._entries.get(key)
        if answer is not None:
            self._entries.move_to_end(key)
            await _send(answer, scope, send, b"hit")
            return
        waiting = self._inflight.get(key)
        if waiting is not None:
            answer = await asyncio.shield(waiting)
            if answer is not None:
                await _send(answer, scope, send, b"hit")
                return
        await self._compute(key, scope, receive, send)

    async def _compute(self, key: tuple[str, str, bytes], scope: Scope, receive: Receive, send: Send) -> None:
        """Run the app, keep its answer if it is a 200 of bounded size, and send it."""
        future: asyncio.Future[Answer | None] = asyncio.get_running_loop().create_future()
        self._inflight[key] = future
        kept: Answer | None = None
        try:
            answer = await _capture(self.app, scope, receive)
            if answer.status == 200 and answer.size <= self.max_entry_bytes:
                kept = _with_etag(answer)
                self._store(key, kept)
            await _send(kept or answer, scope, send, b"miss")
        finally:
            del self._inflight[key]
            future.set_result(kept)

    def _store(self, key: tuple[str, str, bytes], answer: Answer) -> None:
        self._entries[key] = answer
        self._bytes += answer.size
        while self._bytes > self.max_bytes:
            _, dropped = self._entries.popitem(last=False)
            self._bytes -= dropped.size


async def _capture(app: ASGIApp, scope: Scope, receive: Receive) -> Answer:
    status = 500
    headers: Headers = []
    chunks: list[bytes] = []

    async def collect(message: Message) -> None:
        nonlocal status, headers
        if message["type"] == "http.response.start":
            status = message["status"]
            headers = list(message.get("headers", []))
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, collect)
    return Answer(status, headers, b"".join(chunks))


def _with_etag(answer: Answer) -> Answer:
    etag = b'"' + hashlib.blake2b(answer.body, digest_size=16).hexdigest().encode() + b'"'
    headers = [(n, v) for n, v in answer.headers if n.lower() not in (b"etag", b"cache-control")]
    return Answer(answer.status, [*headers, (b"etag", etag), _REVALIDATE], answer.body)


def _etag(answer: Answer) -> bytes | None:
    return next((value for name, value in answer.headers if name == b"etag"), None)


def _matches(scope: Scope, etag: bytes) -> bool:
    """Whether the request's If-None-Match names `etag` (or is `*`); weak forms compare equal."""
    for name, value in scope.get("headers", []):
        if name == b"if-none-match":
            tags = {tag.strip().removeprefix(b"W/") for tag in value.split(b",")}
            return b"*" in tags or etag in tags
    return False


async def _send(answer: Answer, scope: Scope, send: Send, state: bytes) -> None:
    etag = _etag(answer)
    marker = (b"x-ukg-cache", state)
    if etag is not None and _matches(scope, etag):
        await send({"type": "http.response.start", "status": 304, "headers": [(b"etag", etag), _REVALIDATE, marker]})
        await send({"type": "http.response.body", "body": b""})
        return
    await send({"type": "http.response.start", "status": answer.status, "headers": [*answer.headers, marker]})
    await send({"type": "http.response.body", "body": answer.body})


def cache_settings(environ: Mapping[str, str]) -> tuple[float, int]:
    """(version ttl in seconds, cache size in bytes) from UKG_API_CACHE_TTL and UKG_API_CACHE_MB (0 turns it off)."""
    try:
        ttl = float(environ.get("UKG_API_CACHE_TTL", DEFAULT_TTL))
        megabytes = int(environ.get("UKG_API_CACHE_MB", DEFAULT_MAX_BYTES // 2**20))
    except ValueError:
        raise SettingsError("UKG_API_CACHE_TTL must be seconds and UKG_API_CACHE_MB whole megabytes") from None
    if ttl < 0 or megabytes < 0:
        raise SettingsError("UKG_API_CACHE_TTL and UKG_API_CACHE_MB cannot be negative")
    return ttl, megabytes * 2**20
