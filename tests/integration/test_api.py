"""The research API against the embedded Neo4j loaded from the corpus: every endpoint and error status."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph_loader.neo4j.embedded import free_port
from graph_loader.settings import Neo4jSettings
from queries import public_queries

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def client(built_graph) -> TestClient:
    with TestClient(create_app()) as test_client:
        yield test_client


def test_health_reports_counts(client: TestClient) -> None:
    body = client.get("/health").json()
    assert body["status"] == "ok"
    assert body["neo4j"]["reachable"] is True
    assert body["neo4j"]["version"].startswith("5.26.")
    assert body["total_nodes"] > 0
    assert body["nodes"]["SourceDocument"] == 5
    assert body["nodes"]["UnionOrganization"] > 10


def test_headline_query_town_unions_with_craftsman_school(client: TestClient) -> None:
    response = client.get(
        "/organizations",
        params={"label": "UnionOrganization", "carrier_type": "town", "practice": "craftsman-school"},
    )
    assert response.status_code == 200
    body = response.json()
    names = {item["name"] for item in body["items"]}
    assert "湖州市南浔区善琏湖笔小镇工会联合会" in names
    assert "温州市瓯海区眼镜小镇联合工会" in names
    for item in body["items"]:
        assert item["practices"] and all(p["evidence"] for p in item["practices"])


def test_organizations_pagination(client: TestClient) -> None:
    first = client.get("/organizations", params={"label": "UnionOrganization", "limit": 5}).json()
    params = {"label": "UnionOrganization", "limit": 5, "offset": 5}
    second = client.get("/organizations", params=params).json()
    assert first["total"] == second["total"] > 10
    assert len(first["items"]) == 5
    assert not {i["key"] for i in first["items"]} & {i["key"] for i in second["items"]}


def test_practices_and_adopters(client: TestClient) -> None:
    practices = client.get("/practices").json()
    assert any(p["id"] == "craftsman-school" and p["adopters"] >= 2 for p in practices)
    adopters = client.get("/practices/craftsman-school/adopters").json()
    assert adopters["total"] >= 2
    assert all(item["evidence"] for item in adopters["items"])
    assert client.get("/practices/no-such-practice/adopters").status_code == 404


def test_entity_and_path(client: TestClient) -> None:
    hit = client.get("/search", params={"q": "浙江省总工会"}).json()
    assert hit, "full-text search found nothing"
    key = next(h["key"] for h in hit if h["name"] == "浙江省总工会")
    body = client.get(f"/entities/{quote(key, safe='/')}").json()
    assert body["entity"]["name"] == "浙江省总工会"
    assert body["relationships"] or body["evidence"]
    assert client.get("/entities/union-organization/no-such-union").status_code == 404
    town = client.get("/search", params={"q": "湖笔小镇"}).json()
    target = next(h["key"] for h in town if "Carrier" in h["labels"])
    union = next(h["key"] for h in town if "UnionOrganization" in h["labels"])
    path = client.get("/paths", params={"source": union, "target": target})
    assert path.status_code == 200 and path.json()["length"] >= 1


def test_places_people_party_building(client: TestClient) -> None:
    place = client.get("/places/湖州市").json()
    assert place["place"]["name"] == "湖州市"
    assert place["children"] and place["organizations"]
    assert client.get("/places/不存在市").status_code == 404
    people = client.get("/people").json()
    assert people["total"] > 0
    assert any(item["posts"] for item in people["items"])
    links = client.get("/party-building").json()
    assert links["total"] >= 1 and links["items"][0]["evidence"]


def test_named_query_catalogue_and_every_query_runs(client: TestClient) -> None:
    listed = {q["name"] for q in client.get("/queries").json()}
    assert listed == set(public_queries())
    required = {
        "practice_adopters": {"practice": "craftsman-school"},
        "entity": {"key": "practice/craftsman-school"},
        "path": {"source": "practice/craftsman-school", "target": "practice-category/skills"},
        "place_hierarchy": {"place": "湖州市"},
        "search": {"q": "小镇"},
        "view_entity": {"key": "practice/craftsman-school"},
        "view_practice": {"practice": "craftsman-school"},
        "view_region": {"place": "湖州市"},
        "view_subgraph": {"refs": "craftsman-school,union-organization/浙江省总工会"},
    }
    for name in listed:
        response = client.get(f"/queries/{name}", params=required.get(name, {}))
        assert response.status_code == 200, (name, response.text)
        assert response.json()["rows"] is not None


def test_error_statuses(client: TestClient) -> None:
    assert client.get("/queries/no-such-query").status_code == 404
    assert client.get("/queries/organizations", params={"limit": "many"}).status_code == 422
    assert client.get("/queries/organizations", params={"bogus": "1"}).status_code == 422
    assert client.get("/queries/practice_adopters").status_code == 422  # required parameter missing
    assert client.get("/organizations", params={"limit": -1}).status_code == 422
    assert client.get("/organizations", params={"practice": "not-a-practice"}).status_code == 422
    body = client.get("/organizations", params={"carrier_type": "moon"}).json()
    assert body["error"] == "bad_parameter" and "Traceback" not in str(body)


@pytest.mark.parametrize(
    "query",
    [
        "CREATE (n:X) RETURN n",
        "MATCH (n) MERGE (m:X {k: 1}) RETURN m",
        "MATCH (n:X) DELETE n",
        "MATCH (n:X) DETACH DELETE n",
        "MATCH (n) SET n.hacked = true RETURN n",
        "CALL dbms.components()",
        "CALL dbms.security.createUser('x', 'y')",
        "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
        "MATCH (n) CALL { WITH n CREATE (:X) } RETURN count(*)",
        "MATCH (n) CALL (n) { SET n.x = 1 } RETURN count(*)",
        "MATCH (n) FOREACH (x IN [1] | CREATE (:X)) RETURN 1",
        "DROP INDEX entityNames",
    ],
)
def test_cypher_refuses_writes(client: TestClient, query: str) -> None:
    response = client.post("/cypher", json={"query": query})
    assert response.status_code == 403, response.text
    count = client.post("/cypher", json={"query": "MATCH (n:X) RETURN count(n) AS c"}).json()
    assert count["rows"][0]["c"] == 0


def test_cypher_answers_reads_with_limit_and_parameters(client: TestClient) -> None:
    response = client.post(
        "/cypher",
        json={
            "query": "MATCH (o:UnionOrganization) WHERE o.name CONTAINS $part RETURN o.name AS name",
            "parameters": {"part": "工会"},
            "limit": 3,
        },
    )
    assert response.status_code == 200
    body = response.json()
    assert body["columns"] == ["name"] and len(body["rows"]) == 3 and body["truncated"] is True
    assert client.post("/cypher", json={"query": "MATCH (n RETURN n"}).status_code == 403  # unparseable: refused
    # a string literal that looks like a keyword is not a write
    ok = client.post("/cypher", json={"query": "RETURN 'CREATE' AS word"})
    assert ok.status_code == 200 and ok.json()["rows"] == [{"word": "CREATE"}]


def test_unreachable_neo4j_gives_503() -> None:
    closed = Neo4jSettings(uri=f"bolt://127.0.0.1:{free_port()}", user="neo4j", password="x", external=True, port=0)
    with TestClient(create_app(closed)) as offline:
        assert offline.get("/health").status_code == 503
        response = offline.get("/organizations")
        assert response.status_code == 503
        assert response.json()["error"] == "neo4j_unavailable"


def test_overview_view_is_self_contained(client: TestClient) -> None:
    page = client.get("/views/overview", params={"limit": 50}).text
    assert "new vis.Network" in page
    assert not re.search(r"""(src|href)\s*=\s*["']https?://""", page), "the page loads from the network"


# --- OpenAPI generated from the response models (api.schemas) ---------------------------------------

_JSON_TYPES = {
    "object": dict,
    "array": list,
    "string": str,
    "integer": int,
    "number": (int, float),
    "boolean": bool,
    "null": type(None),
}


def _conforms(value: object, schema: dict, components: dict, where: str = "$") -> list[str]:
    """Where `value` breaks `schema` (the subset of JSON Schema that pydantic writes here)."""
    if "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[1]]
    if "anyOf" in schema:
        options = [_conforms(value, option, components, where) for option in schema["anyOf"]]
        return [] if any(not problems for problems in options) else [f"{where}: matches no anyOf option"]
    kind = schema.get("type")
    if kind and not (isinstance(value, _JSON_TYPES[kind]) and not (kind in {"integer", "number"} and value is True)):
        return [f"{where}: {type(value).__name__} is not {kind}"]
    problems: list[str] = []
    if isinstance(value, dict):
        problems += [f"{where}.{key}: missing" for key in schema.get("required", []) if key not in value]
        for key, sub in schema.get("properties", {}).items():
            if key in value:
                problems += _conforms(value[key], sub, components, f"{where}.{key}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            problems += _conforms(item, schema["items"], components, f"{where}[{i}]")
    return problems


def test_openapi_lists_a_response_schema_for_every_route(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    components = spec["components"]["schemas"]
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            success = next(responses[status] for status in ("200", "201") if status in responses)
            content = success["content"]  # JSON, HTML, or a documented file type (GraphML, zip, SPARQL results)
            assert content, (method, path)
            if "application/json" in content:
                assert content["application/json"].get("schema"), (method, path)
            for status, response in operation["responses"].items():
                if status.startswith(("4", "5")):
                    schema = response["content"]["application/json"]["schema"]
                    assert schema["$ref"].rsplit("/", 1)[1] in {"Error", "HealthUnavailable"}, (method, path, status)
    assert set(components["Error"]["required"]) == {"error", "detail"}
    assert components["Organization"].get("examples"), "the /docs examples come from the models"


# (the route as OpenAPI names it, the request)
_CONFORMING = [
    ("/organizations", "/organizations", {"label": "UnionOrganization", "practice": "craftsman-school"}),
    ("/practices", "/practices", {}),
    ("/practices/{practice_id}/adopters", "/practices/craftsman-school/adopters", {}),
    ("/entities/{key}", "/entities/practice/craftsman-school", {}),
    ("/paths", "/paths", {"source": "practice/craftsman-school", "target": "practice-category/skills"}),
    ("/places/{place}", "/places/湖州市", {}),
    ("/party-building", "/party-building", {}),
    ("/people", "/people", {"limit": 20}),
    ("/search", "/search", {"q": "小镇"}),
    ("/queries", "/queries", {}),
    ("/queries/{name}", "/queries/practices", {}),
    ("/health", "/health", {}),
    ("/diffusion/practices/{practice_id}", "/diffusion/practices/craftsman-school", {}),
    ("/diffusion/network", "/diffusion/network", {}),
    ("/diffusion/regions/{region}", "/diffusion/regions/湖州市", {}),
    ("/diffusion/events", "/diffusion/events", {"practice": "craftsman-school"}),
    ("/views/practice/{practice_id}", "/views/practice/craftsman-school", {"format": "json"}),
    ("/organizations", "/organizations", {"practice": "not-a-practice"}),
    ("/entities/{key}", "/entities/person/nobody", {}),
]


@pytest.mark.parametrize(("route", "path", "params"), _CONFORMING)
def test_answers_conform_to_their_openapi_schema(client: TestClient, route: str, path: str, params: dict) -> None:
    spec = client.get("/openapi.json").json()
    response = client.get(path, params=params)
    documented = spec["paths"][route]["get"]["responses"][str(response.status_code)]
    schema = documented["content"]["application/json"]["schema"]
    assert _conforms(response.json(), schema, spec["components"]["schemas"]) == []
    if route == "/organizations" and response.status_code == 200:
        declared = set(spec["components"]["schemas"]["Organization"]["properties"])
        assert response.json()["items"] and declared <= set(response.json()["items"][0])


@pytest.mark.parametrize(
    ("path", "facts"),
    [
        ("/organizations?practice=craftsman-school", lambda page: [p for o in page["items"] for p in o["practices"]]),
        ("/practices/craftsman-school/adopters", lambda page: page["items"]),
        ("/party-building", lambda page: page["items"]),
        ("/people?limit=200", lambda page: [post for person in page["items"] for post in person["posts"]]),
    ],
)
def test_list_endpoints_bound_evidence_per_fact_and_count_it(client: TestClient, path: str, facts) -> None:
    """evidence=first (default) gives at most one piece per fact, all gives evidenceCount pieces,
    none gives none; the count is the same whichever is asked for."""
    answers = {mode: facts(client.get(f"{path}{'&' if '?' in path else '?'}evidence={mode}").json()) for mode in
               ("first", "all", "none")}
    default = facts(client.get(path).json())
    assert default == answers["first"] and answers["first"]
    counts = [fact["evidenceCount"] for fact in answers["all"]]
    assert counts == [fact["evidenceCount"] for fact in answers["none"]] and max(counts) > 1
    assert all(len(fact["evidence"]) == min(1, fact["evidenceCount"]) for fact in answers["first"])
    assert all(len(fact["evidence"]) == fact["evidenceCount"] for fact in answers["all"])
    assert all(fact["evidence"] == [] for fact in answers["none"])


def test_answers_carry_an_etag_and_a_matching_if_none_match_gets_304(client: TestClient) -> None:
    first = client.get("/practices")
    again = client.get("/practices", headers={"If-None-Match": first.headers["etag"]})
    assert first.status_code == 200 and again.status_code == 304 and again.content == b""
    assert client.get("/health").headers.get("etag") is None  # liveness is never cached
