"""/sparql over the RDF store the session build wrote: parity of every `.rq` with its Cypher twin,
refusals, content negotiation and the row cap.

Parity compares what both stores have: entity keys (the RDF IRI's path, percent-decoded, is the
Neo4j key), practice ids, adopter counts, evidence counts per fact (an RDF Evidence node is one
cited span, a Neo4j one per fact and span: the same count), party-building pairs, posts. Labels
need the vocabulary's rdfs:subClassOf (loaded into the store), since RDF types each entity with its
most specific class only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import unquote

import pyoxigraph
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph_loader.neo4j.database import Database
from graph_loader.rdf_store import current
from graph_loader.settings import neo4j_settings
from ontology.terms import INST
from queries import QueryReader
from queries.sparql_catalog import sparql_queries

pytestmark = pytest.mark.integration

Rows = list[dict[str, Any]]


@pytest.fixture(scope="module")
def client(built_graph) -> TestClient:
    assert built_graph.rdf is not None and current() == built_graph.rdf.path  # the build wrote the store
    with TestClient(create_app()) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def reader(built_graph) -> QueryReader:
    database = Database(neo4j_settings())
    yield QueryReader(database.read)
    database.close()


def key(iri: str) -> str:
    """The Neo4j key of an instance IRI (ukgi:<path>/<percent-encoded name>)."""
    assert iri.startswith(str(INST)), iri
    return unquote(iri.removeprefix(str(INST)))


def sparql(client: TestClient, query: str) -> Rows:
    """SELECT rows as {variable: value} (IRIs and literals as strings, integers as int), checked to be
    W3C SPARQL JSON by oxigraph's own results parser."""
    response = client.post("/sparql", content=query.encode(), headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/sparql-results+json"
    assert response.headers["x-ukg-truncated"] == "false"
    parsed = pyoxigraph.parse_query_results(response.content, format=pyoxigraph.QueryResultsFormat.JSON)
    names = [variable.value for variable in parsed.variables]
    return [{name: _value(term) for name, term in zip(names, solution, strict=True)} for solution in parsed]


def _value(term: Any) -> Any:
    if term is None:
        return None
    if isinstance(term, pyoxigraph.Literal) and term.datatype.value.endswith("#integer"):
        return int(term.value)
    return term.value


def cypher(reader: QueryReader, twin: str, params: dict[str, str]) -> Rows:
    """The twin's rows; a paginated twin's items, all of them."""
    declared = {param.name for param in reader.query(twin).params}
    given = {**params, **({"limit": 1000} if "limit" in declared else {})}
    rows = reader.rows(twin, **given)
    return rows[0]["items"] if rows and "items" in rows[0] else rows


def _town_unions(rows: Rows, practice: str = "craftsman-school") -> dict[str, int]:
    return {r["key"]: sum(p["evidenceCount"] for p in r["practices"] if p["id"] == practice) for r in rows}


def _people(rows: Rows) -> set[tuple[str, str | None, int]]:
    out: set[tuple[str, str | None, int]] = set()
    for row in rows:
        out |= {(row["key"], p["organization"]["key"], p["evidenceCount"]) for p in row["posts"]} or {
            (row["key"], None, 0)
        }
    return out


# Per query: (what to compare in the Cypher twin's rows, the same in the SPARQL rows).
PARITY: dict[str, tuple[Callable[[Rows], Any], Callable[[Rows], Any]]] = {
    "town_unions_craftsman_school": (_town_unions, lambda rows: {key(r["org"]): r["evidenceCount"] for r in rows}),
    "practices": (
        lambda rows: {r["id"]: (r["name"], r["category"], r["adopters"]) for r in rows},
        lambda rows: {r["id"]: (r["name"], r["category"], r["adopters"]) for r in rows},
    ),
    "practice_adopters": (
        lambda rows: {r["key"]: (r["year"], r["evidenceCount"]) for r in rows},
        lambda rows: {key(r["org"]): (int(r["year"]) if r["year"] else None, r["evidenceCount"]) for r in rows},
    ),
    "party_building": (
        lambda rows: {(r["party"]["key"], r["organization"]["key"]): (r["mode"], r["evidenceCount"]) for r in rows},
        lambda rows: {(key(r["party"]), key(r["org"])): (r["mode"], r["evidenceCount"]) for r in rows},
    ),
    "people": (
        _people,
        lambda rows: {(key(r["person"]), key(r["org"]) if r["org"] else None, r["evidenceCount"]) for r in rows},
    ),
    "place_organizations": (
        lambda rows: {o["key"] for row in rows for o in row["organizations"]},
        lambda rows: {key(r["org"]) for r in rows},
    ),
}


def test_every_rq_file_has_a_parity_check() -> None:
    assert set(sparql_queries()) == set(PARITY)


@pytest.mark.parametrize("name", sorted(PARITY))
def test_sparql_twin_gives_the_cypher_answer(name: str, client: TestClient, reader: QueryReader) -> None:
    query = sparql_queries()[name]
    of_cypher, of_sparql = PARITY[name]
    expected = of_cypher(cypher(reader, query.twin, query.twin_params))
    assert expected, f"{query.twin} answers nothing on the corpus: the comparison would prove nothing"
    assert of_sparql(sparql(client, query.text)) == expected


def test_headline_names_match_the_readme(client: TestClient) -> None:
    rows = sparql(client, sparql_queries()["town_unions_craftsman_school"].text)
    names = {row["name"] for row in rows}
    assert {"湖州市南浔区善琏湖笔小镇工会联合会", "温州市瓯海区眼镜小镇联合工会"} <= names
    assert all(row["evidence"] and row["evidenceCount"] >= 1 for row in rows)


@pytest.mark.parametrize(
    ("update", "named"),
    [
        ('INSERT DATA { <https://w3id.org/ukg/id/x> <https://w3id.org/ukg/vocab#name> "x" }', "INSERT DATA"),
        ("LOAD <http://127.0.0.1:9/graph.ttl>", "LOAD"),
        ("PREFIX ukg: <https://w3id.org/ukg/vocab#> DELETE WHERE { ?s ukg:name ?n }", "DELETE WHERE"),
        ("DROP ALL", "DROP"),
    ],
)
def test_updates_are_refused_by_name(update: str, named: str, client: TestClient) -> None:
    response = client.get("/sparql", params={"query": update})
    assert response.status_code == 403
    body = response.json()
    assert body["error"] == "forbidden" and named in body["detail"]
    untouched = client.get("/sparql", params={"query": "ASK { <https://w3id.org/ukg/id/x> ?p ?o }"}).json()
    assert untouched == {"head": {}, "boolean": False}
    assert sparql(client, "SELECT (COUNT(*) AS ?n) WHERE { ?s <https://w3id.org/ukg/vocab#name> ?o }")[0]["n"] > 0


def test_garbage_is_422_with_the_parser_message(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELEKT ?x WHERE { ?x }"})
    assert response.status_code == 422
    assert response.json()["error"] == "bad_parameter" and "not a SPARQL query" in response.json()["detail"]


def test_json_and_csv_by_accept_and_format(client: TestClient) -> None:
    query = "PREFIX ukg: <https://w3id.org/ukg/vocab#> SELECT ?id WHERE { ?p a ukg:Practice ; ukg:id ?id } ORDER BY ?id"
    ids = [row["id"] for row in sparql(client, query)]
    as_csv = client.post("/sparql", data={"query": query}, headers={"Accept": "text/csv, application/json;q=0.5"})
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert as_csv.text.split("\r\n") == ["id", *ids, ""]
    overridden = client.get("/sparql", params={"query": query, "format": "json"}, headers={"Accept": "text/csv"})
    assert overridden.headers["content-type"] == "application/sparql-results+json"
    by_format = client.get("/sparql", params={"query": query, "format": "csv"})
    assert by_format.text == as_csv.text
    graph = (
        "PREFIX ukg: <https://w3id.org/ukg/vocab#> CONSTRUCT { ?p ukg:id ?id } WHERE { ?p a ukg:Practice ; ukg:id ?id }"
    )
    turtle = client.get("/sparql", params={"query": graph})
    assert turtle.headers["content-type"].startswith("text/turtle")
    triples = list(pyoxigraph.parse(turtle.content, format=pyoxigraph.RdfFormat.TURTLE))
    assert sorted(t.object.value for t in triples) == ids
    ntriples = client.post("/sparql", data={"query": graph}, headers={"Accept": "application/n-triples"})
    assert ntriples.headers["content-type"] == "application/n-triples"
    assert len(list(pyoxigraph.parse(ntriples.content, format=pyoxigraph.RdfFormat.N_TRIPLES))) == len(ids)
    assert client.get("/sparql", params={"query": graph, "format": "csv"}).status_code == 422


def test_get_accept_is_not_answered_from_the_cache(client: TestClient) -> None:
    query = "SELECT ?n WHERE { VALUES ?n { 1 } }"
    assert client.get("/sparql", params={"query": query}).headers["content-type"] == "application/sparql-results+json"
    as_csv = client.get("/sparql", params={"query": query}, headers={"Accept": "text/csv"})
    assert as_csv.headers["content-type"].startswith("text/csv")


def test_row_cap_cuts_and_says_so(client: TestClient) -> None:
    query = "PREFIX ukg: <https://w3id.org/ukg/vocab#> SELECT ?o WHERE { ?o ukg:name ?n } ORDER BY ?o"
    everything = client.get("/sparql", params={"query": query, "limit": 10000}).json()["results"]["bindings"]
    cut = client.get("/sparql", params={"query": query, "limit": 3})
    assert cut.headers["x-ukg-truncated"] == "true"
    assert cut.json()["results"]["bindings"] == everything[:3]
    exact = client.get("/sparql", params={"query": query, "limit": len(everything)})
    assert exact.headers["x-ukg-truncated"] == "false"
    small = client.get("/sparql", params={"query": query, "limit": 10000, "max_bytes": 1000})
    assert small.headers["x-ukg-truncated"] == "true" and len(small.content) <= 1000 + 100  # + the head
