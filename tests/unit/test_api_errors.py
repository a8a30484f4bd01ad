"""The API's error answers that need no database: one shape for every status, 413, bounds before any query.

The app here points at a port where nothing listens: an answer other than 503 proves the request
was refused before any query was sent.
"""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from neo4j.exceptions import Neo4jError

from api.app import create_app
from api.errors import install_error_handlers
from api.limits import MAX_BODY_BYTES
from graph_loader.neo4j.embedded import free_port
from graph_loader.settings import Neo4jSettings


@pytest.fixture(scope="module")
def offline() -> TestClient:
    closed = Neo4jSettings(uri=f"bolt://127.0.0.1:{free_port()}", user="neo4j", password="x", external=True, port=0)
    with TestClient(create_app(closed), raise_server_exceptions=False) as client:
        yield client


def _shape(response, status: int, kind: str) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error", "detail"} and body["error"] == kind
    return body["detail"]


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/organizations", {"offset": 2**31}),
        ("/organizations", {"year_from": 10**23}),
        ("/people", {"limit": -1}),
        ("/queries/overview", {"limit": 10**23}),
        ("/queries/organizations", {"offset": 2**31}),
        ("/queries/search", {"q": ""}),
        ("/views/query/overview", {"limit": -5, "format": "json"}),
    ],
)
def test_out_of_bounds_values_are_refused_before_any_query(offline: TestClient, path: str, params: dict) -> None:
    _shape(offline.get(path, params=params), 422, "bad_parameter")


def test_unmatched_route_and_wrong_method_have_the_error_shape(offline: TestClient) -> None:
    _shape(offline.get("/no/such/route"), 404, "not_found")
    response = offline.put("/organizations")
    _shape(response, 405, "method_not_allowed")
    assert response.headers["allow"] == "GET"


def test_bodies_over_the_limit_are_413_unread(offline: TestClient) -> None:
    body = b"x" * (MAX_BODY_BYTES + 1)
    detail = _shape(offline.post("/cypher", content=body), 413, "payload_too_large")
    assert str(MAX_BODY_BYTES) in detail


def test_a_chunked_body_over_the_limit_is_413(offline: TestClient) -> None:
    def chunks():
        for _ in range(3):
            yield b"x" * (MAX_BODY_BYTES // 2)

    _shape(offline.post("/cypher", content=chunks()), 413, "payload_too_large")


def test_a_body_that_is_not_json_is_422(offline: TestClient) -> None:
    response = offline.post("/cypher", content=b"{", headers={"content-type": "application/json"})
    assert "not valid JSON" in _shape(response, 422, "bad_parameter")


def test_openapi_has_no_fastapi_validation_error_model(offline: TestClient) -> None:
    spec = offline.get("/openapi.json").json()
    assert not {"HTTPValidationError", "ValidationError"} & set(spec["components"]["schemas"])
    cypher = spec["paths"]["/cypher"]["post"]["responses"]
    assert cypher["413"]["content"]["application/json"]["schema"]["$ref"].endswith("/Error")
    assert cypher["422"]["content"]["application/json"]["schema"]["$ref"].endswith("/Error")


def test_a_body_that_is_not_utf8_is_422(offline: TestClient) -> None:
    response = offline.post("/cypher", content=b"\xff0\x7f", headers={"content-type": "application/json"})
    assert "not valid JSON" in _shape(response, 422, "bad_parameter")


@pytest.mark.parametrize(
    ("code", "status", "kind"),
    [
        ("Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration", 504, "query_timeout"),
        ("Neo.ClientError.Transaction.TransactionTimedOut", 504, "query_timeout"),
        ("Neo.ClientError.Statement.SyntaxError", 422, "bad_parameter"),
        ("Neo.ClientError.Procedure.ProcedureCallFailed", 422, "bad_parameter"),
        ("Neo.ClientError.Security.Unauthorized", 503, "neo4j_unavailable"),
        ("Neo.ClientError.Security.Forbidden", 403, "forbidden"),
        ("Neo.DatabaseError.Statement.ExecutionFailed", 503, "neo4j_error"),
        ("Neo.TransientError.General.OutOfMemoryError", 503, "neo4j_error"),
    ],
)
def test_neo4j_errors_map_to_their_status(code: str, status: int, kind: str) -> None:
    """Neo4j errors as the driver raises them (hydrated from the server's code), through the app's handlers."""
    app = FastAPI()
    install_error_handlers(app)

    @app.get("/fail")
    def fail() -> None:
        raise Neo4jError._hydrate_neo4j(code=code, message="it went\nwrong")

    with TestClient(app, raise_server_exceptions=False) as client:
        detail = _shape(client.get("/fail"), status, kind)
    assert "it went wrong" in detail


def test_every_numeric_api_parameter_has_documented_bounds(offline: TestClient) -> None:
    spec = offline.get("/openapi.json").json()
    numeric = 0
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            for param in operation.get("parameters", []):
                for schema in param["schema"].get("anyOf", [param["schema"]]):
                    if schema.get("type") in {"integer", "number"}:
                        numeric += 1
                        low = schema.get("minimum", schema.get("exclusiveMinimum"))
                        assert low is not None and "maximum" in schema, (method, path, param["name"])
    assert numeric >= 20


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("options", "/curation", "GET, POST"),
        ("put", "/curation/c-1", "DELETE"),
        ("options", "/curation/conflicts", "GET"),
        ("post", "/entities/a/b", "GET"),
    ],
)
def test_405_names_every_method_of_the_path(offline: TestClient, method: str, path: str, allowed: str) -> None:
    """GET and POST /curation are two routes; Starlette alone would name only the first one's method."""
    response = getattr(offline, method)(path)
    _shape(response, 405, "method_not_allowed")
    assert response.headers["allow"] == allowed
