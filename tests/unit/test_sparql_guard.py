"""api.sparql_guard and api.sparql_results without a server: what is refused and why, and the
answers' formats and caps on a small in-memory store."""

from __future__ import annotations

import pyoxigraph
import pytest

from api.sparql_guard import MAX_NESTING, MAX_QUERY_CHARS, ForbiddenSparql, check_text, update_operations
from api.sparql_results import Job, execute
from queries.registry import QueryDefinitionError
from queries.sparql_catalog import parse_rq_file, sparql_queries


@pytest.mark.parametrize(
    ("text", "operations"),
    [
        ("INSERT DATA { <a:b> <a:c> <a:d> }", ["INSERT DATA"]),
        ("LOAD <http://example.org/data.ttl>", ["LOAD"]),
        ("PREFIX a: <a:> DELETE WHERE { ?s a:p ?o }", ["DELETE WHERE"]),
        ("WITH <a:g> DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }", ["DELETE/INSERT … WHERE"]),
        ("CLEAR ALL ; DROP GRAPH <a:g> ; CREATE GRAPH <a:h>", ["CLEAR", "DROP", "CREATE"]),
        ("COPY DEFAULT TO <a:g>", ["COPY"]),
    ],
)
def test_updates_are_recognised_and_named(text: str, operations: list[str]) -> None:
    assert update_operations(text) == operations


@pytest.mark.parametrize("text", ["SELECT * WHERE { ?s ?p ?o }", "garbage", "", "INSERT DATA {"])
def test_queries_and_garbage_are_not_updates(text: str) -> None:
    assert update_operations(text) is None


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "SELECT * { ?s ?p ?o .SERVICE<http://x/>{} }",
        "select * { service silent ?endpoint { ?s ?p ?o } }",
        r"SELECT * { SERVIC\u0045 <http://x/> { ?s ?p ?o } }",
    ],
)
def test_service_is_refused(query: str) -> None:
    with pytest.raises(ForbiddenSparql, match="SERVICE"):
        check_text(query)


@pytest.mark.parametrize(
    "query",
    [
        'SELECT * { ?s ?p "SERVICE <http://x/>" }',
        "SELECT ?service { ?service <http://x/SERVICE> ?o } # SERVICE <http://x/>",
        "PREFIX ex: <http://x/> SELECT * { ?s ex:SERVICE ?o }",
        'SELECT * { ?s ?p """a { b ( c""" FILTER(?s < ?p) }',
    ],
)
def test_service_in_strings_iris_comments_and_names_is_not_a_keyword(query: str) -> None:
    check_text(query)


def test_length_and_nesting_are_bounded() -> None:
    with pytest.raises(ForbiddenSparql, match=str(MAX_QUERY_CHARS)):
        check_text("SELECT * { ?s ?p ?o }" + " " * MAX_QUERY_CHARS)
    deep = MAX_NESTING + 1
    with pytest.raises(ForbiddenSparql, match="nested"):
        check_text("SELECT * " + "{" * deep + "}" * deep)
    check_text("SELECT * " + "{" * MAX_NESTING + "}" * MAX_NESTING)


@pytest.fixture(scope="module")
def store() -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    p = pyoxigraph.NamedNode("http://x/p")
    for n in range(5):
        store.add(pyoxigraph.Quad(pyoxigraph.NamedNode(f"http://x/s{n}"), p, pyoxigraph.Literal(f'a,"b"\n{n}')))
    store.add(pyoxigraph.Quad(pyoxigraph.BlankNode("b"), p, pyoxigraph.Literal("中", language="zh")))
    return store


def test_select_json_is_w3c_results_and_caps_between_rows(store: pyoxigraph.Store) -> None:
    query = "SELECT ?s ?o ?none WHERE { ?s <http://x/p> ?o OPTIONAL { ?s <http://x/q> ?none } } ORDER BY ?o"
    full = execute(store, Job("", query))
    assert full.status == 200 and not full.truncated
    parsed = list(pyoxigraph.parse_query_results(full.body, format=pyoxigraph.QueryResultsFormat.JSON))
    assert len(parsed) == 6 and all(row["none"] is None for row in parsed)
    assert pyoxigraph.Literal("中", language="zh") in [row["o"] for row in parsed]
    cut = execute(store, Job("", query, limit=2))
    assert cut.truncated
    rows = list(pyoxigraph.parse_query_results(cut.body, format=pyoxigraph.QueryResultsFormat.JSON))
    assert [row["o"] for row in rows] == [row["o"] for row in parsed[:2]]
    assert not execute(store, Job("", query, limit=6)).truncated  # exactly the rows there are: not cut


def test_json_is_labelled_as_the_client_asked(store: pyoxigraph.Store) -> None:
    query = "ASK { ?s ?p ?o }"
    assert execute(store, Job("", query)).media_type == "application/sparql-results+json"
    assert execute(store, Job("", query, accept=("application/json",))).media_type == "application/json"
    assert execute(store, Job("", query, accept=("text/turtle", "text/csv"))).media_type.startswith("text/csv")


def test_select_csv_quotes_as_rfc_4180(store: pyoxigraph.Store) -> None:
    answer = execute(store, Job("", "SELECT ?o WHERE { <http://x/s0> ?p ?o }", format="csv"))
    assert answer.media_type.startswith("text/csv")
    assert answer.body.decode() == 'o\r\n"a,""b""\n0"\r\n'
    blank = execute(store, Job("", "SELECT ?s WHERE { ?s ?p ?o FILTER(isBlank(?s)) }", accept=("text/csv",)))
    assert blank.body.decode().splitlines()[1].startswith("_:")


def test_byte_cap(store: pyoxigraph.Store) -> None:
    answer = execute(store, Job("", "SELECT ?s ?o WHERE { ?s ?p ?o }", max_bytes=1000))
    assert not answer.truncated
    answer = execute(store, Job("", "SELECT ?s ?o WHERE { ?s ?p ?o }", max_bytes=150))
    rows = list(pyoxigraph.parse_query_results(answer.body, format=pyoxigraph.QueryResultsFormat.JSON))
    assert answer.truncated and 1 <= len(rows) < 6
    assert len(answer.body) <= 150 + len('{"head":{"vars":["s","o"]},"results":{"bindings":[]}}') + len(rows)


def test_construct_answers_turtle_or_ntriples_and_refuses_result_formats(store: pyoxigraph.Store) -> None:
    query = "CONSTRUCT { ?s <http://x/p> ?o } WHERE { ?s <http://x/p> ?o }"
    turtle = execute(store, Job("", query))
    assert turtle.media_type.startswith("text/turtle")
    assert len(list(pyoxigraph.parse(turtle.body, format=pyoxigraph.RdfFormat.TURTLE))) == 6
    cut = execute(store, Job("", query, accept=("application/n-triples",), limit=4))
    assert cut.truncated and len(list(pyoxigraph.parse(cut.body, format=pyoxigraph.RdfFormat.N_TRIPLES))) == 4
    refused = execute(store, Job("", query, format="csv"))
    assert (refused.status, refused.kind) == (422, "bad_parameter")


def test_updates_never_reach_the_store(store: pyoxigraph.Store) -> None:
    before = len(store)
    answer = execute(store, Job("", "INSERT DATA { <http://x/new> <http://x/p> 1 }"))
    assert (answer.status, answer.kind) == (403, "forbidden") and "INSERT DATA" in answer.detail
    assert len(store) == before
    garbage = execute(store, Job("", "SELEKT"))
    assert (garbage.status, garbage.kind) == (422, "bad_parameter")


def test_rq_headers(tmp_path) -> None:
    assert sparql_queries()["town_unions_craftsman_school"].twin_params == {
        "label": "UnionOrganization",
        "carrier_type": "town",
        "practice": "craftsman-school",
    }
    broken = tmp_path / "broken.rq"
    broken.write_text("# name: broken\n# description: no twin\nSELECT * {}\n", encoding="utf-8")
    with pytest.raises(QueryDefinitionError, match="twin"):
        parse_rq_file(broken)
