"""The views with Neo4j: the API's /views/… pages and their JSON against the other endpoints, the size
limit, empty results and errors as pages, and `ukg render`. Without Neo4j: tests/unit/test_views.py;
browser checks: tests/browser/test_browser.py."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from queries import public_queries
from tests.support.render import render_practice_file
from tests.support.views import EXTERNAL, LOADS, payload

# --- the API (live Neo4j) ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def client(built_graph) -> TestClient:
    from api.app import create_app

    with TestClient(create_app()) as test_client:
        yield test_client


def view_json(client: TestClient, path: str, **params) -> dict:
    response = client.get(path, params={**params, "format": "json"})
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.integration
def test_entity_view_matches_the_entities_endpoint(client: TestClient) -> None:
    key = "practice/craftsman-school"
    data = view_json(client, f"/views/entity/{key}")
    entity = client.get(f"/entities/{key}", params={"limit": 2000}).json()
    neighbours = {rel["neighbour"]["key"] for rel in entity["relationships"]}
    assert {n["key"] for n in data["nodes"]} == neighbours | {key}
    assert data["drawn"] == len(data["nodes"]) == data["total"]
    assert data["nodes"][0]["focus"] and data["nodes"][0]["name"] == "工匠学堂"
    deeper = view_json(client, f"/views/entity/{key}", depth=2)
    assert deeper["total"] > data["total"]


@pytest.mark.integration
def test_entity_view_filters_by_relationship_type(client: TestClient) -> None:
    key = "union-organization/浙江省总工会"
    everything = view_json(client, f"/views/entity/{key}")
    adopts = view_json(client, f"/views/entity/{key}", types="ADOPTS")
    assert {e["type"] for e in adopts["edges"]} == {"ADOPTS"}
    assert adopts["total"] < everything["total"]
    repeated = client.get(f"/views/entity/{key}?types=ADOPTS&types=HOLDS_POSITION&format=json").json()
    assert {e["type"] for e in repeated["edges"]} == {"ADOPTS", "HOLDS_POSITION"}


@pytest.mark.integration
def test_practice_view_has_every_adopter_with_year_and_city(client: TestClient) -> None:
    data = view_json(client, "/views/practice/craftsman-school")
    adopters = client.get("/practices/craftsman-school/adopters", params={"limit": 1000}).json()
    drawn = {n["key"] for n in data["nodes"] if n["role"] == "adopter"}
    assert drawn == {item["key"] for item in adopters["items"]}
    cities = {n["key"] for n in data["nodes"] if n["role"] == "city"}
    assert data["drawn"] == 1 + adopters["total"] + len(cities)
    assert all(n["year"] for n in data["nodes"] if n["role"] == "adopter")
    grouped = [n for n in data["nodes"] if n["role"] == "adopter" and n["city"]]
    assert grouped, "no adopter was grouped under a city"
    in_city = {(e["source"], e["target"]) for e in data["edges"] if e["type"] == "IN_CITY"}
    assert all(e["derived"] for e in data["edges"] if e["type"] == "IN_CITY")
    assert len(in_city) == len([n for n in grouped if f"admin-area/{n['city']}" in cities])


@pytest.mark.integration
def test_practice_view_toggle_includes_narrower_concepts(client: TestClient) -> None:
    category = view_json(client, "/views/practice/skills")
    assert category["drawn"] == 1 and "下位" in category["message"]  # a category has no direct adopters
    expanded = view_json(client, "/views/practice/skills", expand="true")
    assert expanded["drawn"] > 10
    assert any(e["type"] == "BROADER" for e in expanded["edges"])
    # the page's checkbox sends a hidden "false" first and "true" when ticked: the last value wins
    ticked = client.get("/views/practice/skills?expand=false&expand=true&format=json").json()
    assert ticked["drawn"] == expanded["drawn"]
    assert client.get("/views/practice/no-such-practice").status_code == 404


@pytest.mark.integration
def test_region_view_has_carriers_unions_party_and_practices(client: TestClient) -> None:
    data = view_json(client, "/views/region/湖州市")
    roles = {n["role"] for n in data["nodes"]}
    assert {"region", "carrier", "organization", "practice"} <= roles
    place = client.get("/places/湖州市").json()
    keys = {n["key"] for n in data["nodes"]}
    assert {o["key"] for o in place["organizations"]} <= keys
    assert {c["key"] for c in place["children"] if "Carrier" in c["labels"]} <= keys
    without = view_json(client, "/views/region/湖州市", practices="false", party="false")
    assert not {n["role"] for n in without["nodes"]} & {"practice", "party"}
    with_party = view_json(client, "/views/region/宁波市")
    links = client.get("/party-building", params={"place": "宁波市"}).json()
    if links["total"]:
        assert any(e["type"] == "PARTY_BUILDING" for e in with_party["edges"])
    assert client.get("/views/region/不存在市").status_code == 404


@pytest.mark.integration
def test_query_view_draws_any_named_query(client: TestClient) -> None:
    data = view_json(client, "/views/query/organizations", practice="craftsman-school", label="UnionOrganization")
    result = client.get(
        "/organizations", params={"practice": "craftsman-school", "label": "UnionOrganization", "limit": 50}
    ).json()
    keys = {n["key"] for n in data["nodes"]}
    assert {item["key"] for item in result["items"]} <= keys and "practice/craftsman-school" in keys
    assert data["drawn"] == len(keys)
    for name in public_queries():
        response = client.get(f"/views/query/{name}")
        assert response.status_code == 200, (name, response.text[:300])


@pytest.mark.integration
def test_views_over_the_size_limit_say_so_and_offer_a_filter(client: TestClient) -> None:
    key = "union-organization/浙江省总工会"
    data = view_json(client, f"/views/entity/{key}", depth=2, max_nodes=10)
    assert data["truncated"] and data["drawn"] == 10 and data["total"] > 10
    page = client.get(f"/views/entity/{key}", params={"depth": 2, "max_nodes": 10}).text
    assert 'id="ukg-limit"' in page and "超过上限" in page
    assert 'id="ukg-filter"' in page and 'name="types"' in page
    assert len(payload(page)["nodes"]) == 10


@pytest.mark.integration
def test_empty_results_and_errors_are_pages(client: TestClient) -> None:
    empty = client.get("/views/query/search", params={"q": "没有这样的名字"})
    assert empty.status_code == 200 and "没有可画出的节点" in empty.text
    assert payload(empty.text)["nodes"] == []
    missing = client.get("/views/entity/person/nobody-at-all")
    assert missing.status_code == 404 and "nobody-at-all" in missing.text and "Traceback" not in missing.text
    assert client.get("/views/entity/person/nobody-at-all", params={"format": "json"}).json()["error"] == "not_found"
    bad = client.get("/views/query/organizations", params={"limit": "many"})
    assert bad.status_code == 422 and "limit" in bad.text
    assert client.get("/views/entity/practice/craftsman-school", params={"depth": 5}).status_code == 422


@pytest.mark.integration
@pytest.mark.parametrize(
    "path",
    [
        "/views/",
        "/views/?q=湖笔",
        "/views/overview?limit=30",
        "/views/entity/practice/craftsman-school",
        "/views/practice/craftsman-school",
        "/views/region/湖州市",
        "/views/query/people",
    ],
)
def test_every_page_is_self_contained(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert not EXTERNAL.search(response.text), f"{path} loads something from the network"
    assert "<link" not in response.text


@pytest.mark.integration
def test_index_lists_views_and_searches(client: TestClient) -> None:
    assert client.get("/", follow_redirects=False).headers["location"] == "/views/"
    page = client.get("/views/").text
    assert 'id="ukg-search"' in page and "/views/practice/craftsman-school" in page
    assert "/views/region/" in page and "/views/query/organizations" in page
    hits = client.get("/views/", params={"q": "湖笔小镇"}).text
    assert "/views/entity/carrier/" in hits


@pytest.mark.integration
def test_ukg_render_writes_one_offline_file(built_graph, tmp_path: Path) -> None:
    out = render_practice_file(tmp_path)
    page = out.read_text(encoding="utf-8")
    assert not LOADS.search(page), "the exported file would load something from the network"
    data = payload(page)
    assert data["view"]["view"] == "practice" and len(data["nodes"]) == data["view"]["drawn"] > 1
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "ukg",
            "render",
            "entity",
            "person/nobody",
            "--out",
            str(tmp_path / "y.html"),
        ],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=300,
    )
    assert bad.returncode == 1 and "no entity with key" in bad.stderr and "Traceback" not in bad.stderr
