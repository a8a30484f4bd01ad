"""The response cache (api.response_cache) over a tiny ASGI app and a version we control."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import httpx
import pytest
from starlette.types import Receive, Scope, Send

from api.graph_version import GraphVersion
from api.response_cache import ResponseCache, cache_settings
from graph_loader.errors import SettingsError, StoreUnavailable


class CountingApp:
    """Answers `<path> #n` (n = how often it ran); /missing is a 404, /slow waits for `release`."""

    def __init__(self) -> None:
        self.calls = 0
        self.release = asyncio.Event()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.calls += 1
        if scope["path"] == "/slow":
            await self.release.wait()
        status = 404 if scope["path"] == "/missing" else 200
        body = f"{scope['path']} #{self.calls}".encode()
        headers = [(b"content-type", b"text/plain"), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


class Graph:
    """The rows the version query would answer; `down` makes reading it fail like a dead Neo4j."""

    def __init__(self) -> None:
        self.state = "a"
        self.down = False

    def read(self, _query: str) -> list[dict[str, str]]:
        if self.down:
            raise StoreUnavailable("Neo4j is not reachable")
        return [{"state": self.state}]


@pytest.fixture
def setup() -> Iterator[tuple[CountingApp, Graph, ResponseCache]]:
    app, graph = CountingApp(), Graph()
    yield app, graph, ResponseCache(app, GraphVersion(graph.read, ttl=0), max_bytes=10_000)


def run(cache: ResponseCache, *requests: tuple[str, str, dict[str, str]]) -> list[httpx.Response]:
    async def go() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=cache)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return [await client.request(method, url, headers=headers) for method, url, headers in requests]

    return asyncio.run(go())


def get(url: str, **headers: str) -> tuple[str, str, dict[str, str]]:
    return ("GET", url, headers)


def test_a_second_request_is_answered_from_the_cache_until_the_graph_changes(setup) -> None:
    app, graph, cache = setup
    first, second = run(cache, get("/practices"), get("/practices"))
    assert (first.text, second.text) == ("/practices #1", "/practices #1")
    assert (first.headers["x-ukg-cache"], second.headers["x-ukg-cache"]) == ("miss", "hit")
    assert app.calls == 1
    graph.state = "b"  # a build changed the graph
    (third,) = run(cache, get("/practices"))
    assert third.text == "/practices #2" and third.headers["x-ukg-cache"] == "miss"


def test_the_query_string_is_part_of_the_key(setup) -> None:
    _, _, cache = setup
    one, other = run(cache, get("/organizations?limit=1"), get("/organizations?limit=2"))
    assert one.headers["x-ukg-cache"] == other.headers["x-ukg-cache"] == "miss"


def test_if_none_match_with_the_etag_gets_304_without_a_body(setup) -> None:
    _, _, cache = setup
    (first,) = run(cache, get("/practices"))
    etag = first.headers["etag"]
    assert first.headers["cache-control"] == "no-cache"
    revalidated, other_tag = run(
        cache, get("/practices", **{"If-None-Match": etag}), get("/practices", **{"If-None-Match": '"x"'})
    )
    assert revalidated.status_code == 304 and revalidated.content == b"" and revalidated.headers["etag"] == etag
    assert other_tag.status_code == 200 and other_tag.text == first.text


def test_errors_health_and_writes_are_never_cached(setup) -> None:
    app, _, cache = setup
    run(
        cache,
        get("/missing"),
        get("/missing"),
        get("/health"),
        get("/health"),
        ("POST", "/cypher", {}),
        ("POST", "/cypher", {}),
    )
    assert app.calls == 6


def test_nothing_is_cached_or_served_from_the_cache_while_neo4j_cannot_be_read(setup) -> None:
    app, graph, cache = setup
    run(cache, get("/practices"))
    graph.down = True
    down_once, down_twice = run(cache, get("/practices"), get("/practices"))
    assert "x-ukg-cache" not in down_once.headers and down_twice.text == "/practices #3"


def test_the_cache_stays_within_its_byte_budget(setup) -> None:
    app, _, cache = setup
    run(cache, *(get(f"/organizations?name={n}") for n in range(200)))
    assert cache._bytes <= cache.max_bytes
    (oldest,) = run(cache, get("/organizations?name=0"))
    assert oldest.headers["x-ukg-cache"] == "miss"  # least recently used: dropped first


def test_concurrent_first_requests_share_one_computation(setup) -> None:
    app, _, cache = setup

    async def go() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=cache)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            waiting = [asyncio.create_task(client.get("/slow")) for _ in range(8)]
            await asyncio.sleep(0.05)
            app.release.set()
            return await asyncio.gather(*waiting)

    answers = asyncio.run(go())
    assert app.calls == 1 and {answer.text for answer in answers} == {"/slow #1"}


def test_the_version_is_read_at_most_once_per_ttl() -> None:
    graph = Graph()
    reads = []

    def read(query: str) -> list[dict[str, str]]:
        reads.append(query)
        return graph.read(query)

    version = GraphVersion(read, ttl=60)

    async def go() -> list[str | None]:
        return [await version.current() for _ in range(5)]

    values = asyncio.run(go())
    assert len(set(values)) == 1 and values[0] is not None and len(reads) == 1


def test_cache_settings_come_from_the_environment_and_name_the_bad_one() -> None:
    assert cache_settings({}) == (1.0, 256 * 2**20)
    assert cache_settings({"UKG_API_CACHE_TTL": "0.5", "UKG_API_CACHE_MB": "0"}) == (0.5, 0)
    with pytest.raises(SettingsError, match="UKG_API_CACHE_TTL"):
        cache_settings({"UKG_API_CACHE_TTL": "soon"})
    with pytest.raises(SettingsError, match="negative"):
        cache_settings({"UKG_API_CACHE_MB": "-1"})
