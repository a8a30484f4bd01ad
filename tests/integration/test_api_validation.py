"""Hostile input against the live API (issue 14): every case found by hand gives its documented 4xx.

Each case was a 500 (or an error body without the `error` key) before: SKIP/LIMIT values Neo4j
cannot take, integers beyond 64 bits, Neo4j client errors not caught, FastAPI's own error shapes.
The property test at the end does the same for every declared parameter of every named query.
"""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from neo4j import unit_of_work
from neo4j.exceptions import ClientError

from api.app import create_app
from api.errors import BadParameter, install_error_handlers
from queries import public_queries

pytestmark = pytest.mark.integration

HUGE = "99999999999999999999999"  # beyond 64 bits


@pytest.fixture(scope="module")
def client(built_graph) -> TestClient:
    with TestClient(create_app(), raise_server_exceptions=False) as test_client:
        yield test_client


def _error(response, status: int, kind: str) -> str:
    assert response.status_code == status, (response.status_code, response.text)
    body = response.json()
    assert set(body) == {"error", "detail"} and body["error"] == kind, body
    assert "\n" not in body["detail"] and "Traceback" not in body["detail"], body
    return body["detail"]


@pytest.mark.parametrize(
    ("path", "params", "says"),
    [
        ("/organizations", {"offset": "2147483648"}, "offset"),
        ("/organizations", {"offset": "-1"}, "offset"),
        ("/organizations", {"limit": "0"}, "limit"),
        ("/organizations", {"limit": "-5"}, "limit"),
        ("/organizations", {"year_from": HUGE}, "year_from"),
        ("/organizations", {"year_to": "-3"}, "year_to"),
        ("/organizations", {"practice": "craftsman-school", "year_from": "1e3"}, "year_from"),
        ("/party-building", {"offset": "2147483648"}, "offset"),
        ("/people", {"offset": "9223372036854775807"}, "offset"),
        ("/people", {"limit": HUGE}, "limit"),
        ("/practices/craftsman-school/adopters", {"offset": "2147483648"}, "offset"),
        ("/practices/craftsman-school/adopters", {"year_to": HUGE}, "year_to"),
        ("/search", {"q": ""}, "q"),
        ("/search", {"q": "(", "limit": "-1"}, "limit"),
        ("/search", {"q": "("}, "cannot parse search text"),
        ("/queries/organizations", {"offset": "2147483648"}, "parameter 'offset'"),
        ("/queries/organizations", {"year_from": HUGE}, "parameter 'year_from'"),
        ("/queries/overview", {"limit": HUGE}, "parameter 'limit'"),
        ("/queries/overview", {"limit": "-1"}, "parameter 'limit'"),
        ("/queries/overview", {"limit": "2.5"}, "parameter 'limit'"),
        ("/queries/search", {"q": "("}, "Neo4j refused the query"),
        ("/queries/search", {"q": ""}, "parameter 'q'"),
        ("/queries/search", {"q": "工会", "limit": "-1"}, "parameter 'limit'"),
        ("/queries/people", {"limit": "0"}, "parameter 'limit'"),
        ("/queries/view_entity", {"key": "practice/craftsman-school", "depth": "3"}, "parameter 'depth'"),
        ("/views/query/organizations", {"offset": "2147483648", "format": "json"}, "parameter 'offset'"),
        ("/views/query/overview", {"limit": HUGE, "format": "json"}, "parameter 'limit'"),
        ("/views/overview", {"limit": HUGE, "format": "json"}, "limit"),
        ("/diffusion/network", {"alpha": "nan"}, "alpha"),
        ("/diffusion/network", {"min_weight": HUGE}, "min_weight"),
    ],
)
def test_bad_values_are_422_naming_the_parameter(client: TestClient, path: str, params: dict, says: str) -> None:
    assert says in _error(client.get(path, params=params), 422, "bad_parameter")


def test_the_bounds_are_in_the_catalogue(client: TestClient) -> None:
    catalogue = {query["name"]: query for query in client.get("/queries").json()}
    offset = next(p for p in catalogue["organizations"]["parameters"] if p["name"] == "offset")
    assert (offset["minimum"], offset["maximum"]) == (0, 100000)
    years = [p for p in catalogue["practice_adopters"]["parameters"] if p["name"].startswith("year_")]
    assert years and all((p["minimum"], p["maximum"]) == (1000, 2100) for p in years)


def test_values_at_the_bounds_still_answer(client: TestClient) -> None:
    page = client.get("/organizations", params={"offset": 100000, "limit": 1000})
    assert page.status_code == 200 and page.json()["items"] == []
    ok = client.get("/queries/organizations", params={"practice": "craftsman-school", "year_from": 1000})
    assert ok.status_code == 200 and ok.json()["parameters"]["year_from"] == 1000


@pytest.mark.parametrize(
    ("method", "path", "status", "kind"),
    [
        ("get", "/no-such-route", 404, "not_found"),
        ("get", "/queries/no-such-query", 404, "not_found"),
        ("post", "/organizations", 405, "method_not_allowed"),
        ("delete", "/queries", 405, "method_not_allowed"),
    ],
)
def test_routing_errors_have_the_error_shape(
    client: TestClient, method: str, path: str, status: int, kind: str
) -> None:
    response = client.request(method, path)
    _error(response, status, kind)
    if status == 405:
        assert "GET" in response.headers["allow"]


def test_invalid_json_body_is_422_with_the_error_shape(client: TestClient) -> None:
    response = client.post("/cypher", content=b'{"query": "RETURN 1"', headers={"content-type": "application/json"})
    assert "not valid JSON" in _error(response, 422, "bad_parameter")


def test_a_50_mb_body_is_413_and_the_server_goes_on(client: TestClient) -> None:
    huge = b'{"query": "RETURN 1", "parameters": {"x": "' + b"a" * (50 * 1024 * 1024) + b'"}}'
    response = client.post("/cypher", content=huge, headers={"content-type": "application/json"})
    assert "1048576 bytes" in _error(response, 413, "payload_too_large")
    assert client.get("/practices").status_code == 200


def test_a_body_just_under_the_limit_is_read(client: TestClient) -> None:
    body = b'{"query": "RETURN size($x) AS n", "parameters": {"x": "' + b"a" * 1_000_000 + b'"}}'
    response = client.post("/cypher", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 200, response.text
    assert response.json()["rows"] == [{"n": 1_000_000}]


def test_integers_beyond_64_bits_in_cypher_parameters_are_422(client: TestClient) -> None:
    response = client.post("/cypher", json={"query": "RETURN $x AS x", "parameters": {"x": int(HUGE)}})
    assert response.status_code == 422, response.text
    assert response.json()["error"] == "bad_parameter"


def test_non_finite_numbers_are_strings_not_null(client: TestClient) -> None:
    query = "RETURN 0.0/0.0 AS nan, 1.0/0.0 AS inf, -1.0/0.0 AS ninf, 1.5 AS x, date('2024-05-01') AS day"
    response = client.post("/cypher", json={"query": query})
    assert response.status_code == 200, response.text
    assert response.json()["rows"] == [
        {"nan": "NaN", "inf": "Infinity", "ninf": "-Infinity", "x": 1.5, "day": "2024-05-01"}
    ]


def test_openapi_describes_the_error_shape_everywhere(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                if status.startswith(("4", "5")) and "application/json" in response.get("content", {}):
                    ref = response["content"]["application/json"]["schema"]["$ref"]
                    assert ref.rsplit("/", 1)[1] in {"Error", "HealthUnavailable"}, (method, path, status)
            if "requestBody" in operation:
                assert "413" in operation["responses"], (method, path)
            if "503" in operation["responses"] and path != "/health":
                assert "504" in operation["responses"], (method, path)


def test_a_query_timeout_is_504_not_a_bad_parameter(driver) -> None:
    """A real Neo4j transaction timeout, raised as it comes or wrapped the way routers wrap client errors."""
    slow = "UNWIND range(1, 300000000) AS x RETURN count(x) AS c"

    def run_slow() -> None:
        with driver.session() as session:
            session.execute_read(unit_of_work(timeout=0.1)(lambda tx: tx.run(slow).single()))

    app = FastAPI()
    install_error_handlers(app)

    @app.get("/raw")
    def raw() -> None:
        run_slow()

    @app.get("/wrapped")
    def wrapped() -> None:
        try:
            run_slow()
        except ClientError as error:
            raise BadParameter(error.message) from error

    with TestClient(app, raise_server_exceptions=False) as timed:
        for path in ("/raw", "/wrapped"):
            assert "time limit" in _error(timed.get(path), 504, "query_timeout")


# --- every declared parameter of every named query, with hostile values --------------------------

_HOSTILE = st.one_of(
    st.integers(min_value=-(2**80), max_value=2**80).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(["", "(", ")", "*", "\\", "AND", "\u0000", "nan", "inf", "-0", "1e309", "0x10", "true"]),
    st.text(max_size=30),
)
_CASES = [(query.name, param.name) for query in public_queries().values() for param in query.params]


@pytest.mark.parametrize(("name", "param"), _CASES)
@settings(max_examples=8, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(value=_HOSTILE)
def test_named_query_parameters_never_give_a_server_error(
    client: TestClient, name: str, param: str, value: str
) -> None:
    required = {p.name: "craftsman-school" for p in public_queries()[name].params if p.required}
    response = client.get(f"/queries/{name}", params={**required, param: value})
    assert response.status_code in {200, 404, 422}, (name, param, value, response.text)
    if response.status_code != 200:
        assert set(response.json()) == {"error", "detail"}
