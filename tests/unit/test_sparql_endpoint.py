"""/sparql's bounds without Neo4j, on a small store (the vocabulary and concepts of an empty graph):
503 before any build, 504 with the worker really stopped, 429 when the pool is busy, POST forms."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.routers import sparql as sparql_router
from api.sparql_pool import SparqlPool
from graph_loader import rdf_store
from graph_loader.records import ResolvedGraph, SourceDocument

# Every triple three times over: about 10^10 rows for a store of a few thousand triples.
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
QUICK = "SELECT ?c WHERE { ?c a <http://www.w3.org/2002/07/owl#Class> } LIMIT 1"


@pytest.fixture()
def state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("UKG_STATE_DIR", str(tmp_path))
    monkeypatch.setattr(sparql_router, "_WATCH", sparql_router._StoreWatch())
    return tmp_path


@pytest.fixture()
def pool(monkeypatch: pytest.MonkeyPatch) -> Iterator[SparqlPool]:
    pool = SparqlPool(slots=1)
    monkeypatch.setattr(sparql_router, "_POOL", pool)
    yield pool
    pool.close()


@pytest.fixture()
def client() -> Iterator[TestClient]:
    with TestClient(create_app(cache_bytes=0)) as test_client:
        yield test_client


def test_no_store_is_503_with_a_reason(state: Path, client: TestClient) -> None:
    response = client.get("/sparql", params={"query": QUICK})
    assert response.status_code == 503
    assert response.json() == {
        "error": "rdf_store_unavailable",
        "detail": "no RDF store yet: run `ukg build` to write one",
    }


def test_timeout_stops_the_worker_and_the_next_query_runs(state: Path, pool: SparqlPool, client: TestClient) -> None:
    rdf_store.write(ResolvedGraph((), (), (), ()))
    assert client.get("/sparql", params={"query": QUICK}).status_code == 200  # the worker is up
    (worker,) = pool._idle
    started = time.monotonic()
    response = client.get("/sparql", params={"query": SLOW, "timeout": 1})
    assert response.status_code == 504 and response.json()["error"] == "query_timeout"
    assert time.monotonic() - started < 10
    assert worker.process.poll() is not None  # killed, not left running in the background
    assert client.get("/sparql", params={"query": QUICK}).status_code == 200


def test_a_busy_pool_answers_429(state: Path, pool: SparqlPool, client: TestClient) -> None:
    rdf_store.write(ResolvedGraph((), (), (), ()))
    slow = threading.Thread(target=client.get, args=("/sparql",), kwargs={"params": {"query": SLOW, "timeout": 2}})
    slow.start()
    deadline = time.monotonic() + 10
    while pool._free._value and time.monotonic() < deadline:  # until the slow query holds the only slot
        time.sleep(0.01)
    response = client.get("/sparql", params={"query": QUICK})
    assert response.status_code == 429 and response.headers["retry-after"] == "1"
    slow.join()
    assert client.get("/sparql", params={"query": QUICK}).status_code == 200


def test_a_new_build_is_seen_within_a_second(state: Path, pool: SparqlPool, client: TestClient) -> None:
    ask = {"query": 'ASK { ?d <https://w3id.org/ukg/vocab#id> "doc-b" }'}
    rdf_store.write(ResolvedGraph((), (), (), ()))
    assert client.get("/sparql", params=ask).json()["boolean"] is False
    rdf_store.write(ResolvedGraph((SourceDocument("doc-b", "b.txt", "", "sha", "utf-8"),), (), (), ()))
    time.sleep(sparql_router.STORE_CHECK_SECONDS)
    assert client.get("/sparql", params=ask).json()["boolean"] is True


def test_post_forms_and_bodies(state: Path, pool: SparqlPool, client: TestClient) -> None:
    rdf_store.write(ResolvedGraph((), (), (), ()))
    form = client.post("/sparql", data={"query": QUICK, "format": "csv"})
    assert form.status_code == 200 and form.headers["content-type"].startswith("text/csv")
    assert client.post("/sparql", data={"query": QUICK, "limit": "0"}).status_code == 422
    assert client.post("/sparql", data={"format": "csv"}).status_code == 422
    plain = client.post("/sparql", content=QUICK.encode(), headers={"Content-Type": "text/plain"})
    assert plain.status_code == 415 and plain.json()["error"] == "unsupported_media_type"
    direct = client.post(
        "/sparql?format=csv", content=QUICK.encode(), headers={"Content-Type": "application/sparql-query"}
    )
    assert direct.status_code == 200 and direct.text.startswith("c\r\n")
    graphs = client.get("/sparql", params={"query": QUICK, "default-graph-uri": "http://x/"})
    assert graphs.status_code == 422 and "default-graph-uri" in graphs.json()["detail"]
