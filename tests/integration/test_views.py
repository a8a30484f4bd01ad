"""The views (issue #7) without a browser: style/legend, the view model, rendering, the API's /views/…
pages and their JSON, the size limit, empty results, and `ukg render`. Browser checks: test_browser.py."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from queries import public_queries
from tests.support.render import render_practice_file
from visualizations.model import Links, ViewEdge, ViewGraph, ViewNode
from visualizations.render import render_graph, render_view, vis_assets
from visualizations.style import NODE_STYLES, legend_html, node_style, shape_svg, style_for, year_colours
from visualizations.views import (
    QUERY_VIEW_RESERVED,
    ViewNotFound,
    collect_refs,
    entity_view,
    query_view,
    split_types,
)

EXTERNAL = re.compile(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)
# What would make a page fetch something when it loads (links a user may follow are fine in exported files).
LOADS = re.compile(
    r"""\bsrc\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//|@import|<link\b""", re.IGNORECASE
)
VIEW_QUERIES = ("view_entity", "view_practice", "view_region", "view_subgraph", "regions")


def payload(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="ukg-data">(.*?)</script>', page, re.S)
    assert match, "no data island in the page"
    return json.loads(match.group(1))


def node(key: str, name: str, labels: list[str], **extra) -> ViewNode:
    return ViewNode.from_row({"key": key, "name": name, "labels": labels, **extra})


# --- style and legend -------------------------------------------------------------------------


def test_most_specific_class_decides_the_style() -> None:
    assert node_style(["Entity", "Organization", "UnionOrganization"]).label == "UnionOrganization"
    assert node_style(["Entity", "Place", "Carrier"]).label == "Carrier"
    assert node_style(["Entity"]).label == "Entity"
    assert style_for(["Practice", "Entity"])[0] == "Practice"
    assert len({(s.colour, s.shape) for s in NODE_STYLES if s.label not in {"Place", "AdminArea"}}) >= 15


def test_year_colours_run_from_early_to_late() -> None:
    colours = year_colours([2024, 2018, None, 2022, 2018])
    assert list(colours) == [2018, 2022, 2024]
    assert len(set(colours.values())) == 3
    assert year_colours([None]) == {}
    assert len(year_colours([2020])) == 1


def test_legend_shows_drawn_classes_years_and_relations() -> None:
    legend = legend_html({"UnionOrganization", "Carrier"}, {2018: "#000000"}, {"ADOPTS"}, unknown_year=True)
    assert "工会组织" in legend and "载体" in legend and "党组织" not in legend
    assert "2018" in legend and "年份不详" in legend and "ADOPTS" in legend
    for style in NODE_STYLES:
        assert shape_svg(style.shape, style.colour).startswith("<svg")


# --- view model -------------------------------------------------------------------------------


def test_links_encode_keys_and_skip_empty_parameters() -> None:
    links = Links()
    assert links.entity("union-organization/杭州市(测试)工会") == (
        "/views/entity/union-organization/" + quote("杭州市(测试)工会")
    )
    assert links.practice("craftsman-school", expand=False) == "/views/practice/craftsman-school"
    assert links.practice("skills", expand=True) == "/views/practice/skills?expand=True"
    assert Links("http://127.0.0.1:8000").index() == "http://127.0.0.1:8000/views/"


def test_split_types_accepts_commas_and_repeats() -> None:
    assert split_types(None) is None
    assert split_types("adopts, COVERS") == ["ADOPTS", "COVERS"]
    assert split_types(["ADOPTS", "COVERS,LOCATED_IN"]) == ["ADOPTS", "COVERS", "LOCATED_IN"]
    assert split_types(["", " "]) is None


def test_collect_refs_finds_keys_and_concept_ids_in_order() -> None:
    rows = [
        {
            "total": 1,
            "items": [
                {
                    "key": "union-organization/甲",
                    "name": "甲",
                    "practices": [{"id": "craftsman-school", "evidence": [{"docId": "d"}]}],
                }
            ],
        }
    ]
    assert collect_refs({"practice": "craftsman-school", "limit": 5}, rows) == [
        "craftsman-school",
        "union-organization/甲",
    ]


def test_finish_cuts_to_the_limit_and_drops_dangling_edges() -> None:
    graph = ViewGraph(
        view="entity",
        title="t",
        max_nodes=2,
        total=3,
        nodes=[
            node("a/1", "一", ["Person"]),
            node("a/2", "二", ["Person"]),
            node("a/2", "二", ["Person"]),
            node("a/3", "三", ["Person"]),
        ],
    )
    graph.edges = [
        ViewEdge("a/1", "a/2", "KNOWS"),
        ViewEdge("a/1", "a/2", "KNOWS"),
        ViewEdge("a/2", "a/3", "KNOWS"),
    ]
    graph.finish()
    assert [n.key for n in graph.nodes] == ["a/1", "a/2"]
    assert len(graph.edges) == 1 and graph.truncated and graph.total == 3


def test_node_from_row_keeps_facts_and_shortens_quotes() -> None:
    item = node(
        "carrier/杭州市余杭区梦想小镇",
        "杭州市余杭区梦想小镇",
        ["Carrier", "Place", "Entity"],
        props={
            "key": "x",
            "name": "n",
            "aliases": ["梦想小镇"],
            "aliasText": "梦想小镇",
            "carrierType": "town",
            "city": "杭州市",
        },
        evidence=[{"quote": "长" * 1000, "docId": "d", "date": "2018-12-10", "source": "浙江工运"}],
    )
    assert item.aliases == ["梦想小镇"]
    assert item.props == {"carrierType": "town", "city": "杭州市"}
    assert len(item.evidence[0]["quote"]) < 300 and item.evidence[0]["source"] == "浙江工运"


# --- rendering --------------------------------------------------------------------------------


def _sample_graph() -> ViewGraph:
    graph = ViewGraph(
        view="practice",
        title="工匠学堂",
        colour_by="year",
        total=3,
        nodes=[
            node("practice/craftsman-school", "工匠学堂", ["Practice", "Entity"], role="concept", focus=True),
            node(
                "union-organization/甲工会",
                "甲工会",
                ["UnionOrganization", "Organization", "Entity"],
                role="adopter",
                year=2018,
                evidence=[{"quote": "甲工会开办工匠学堂。", "docId": "d1", "date": "2018-12-10"}],
            ),
            node(
                "union-organization/乙工会",
                "乙工会",
                ["UnionOrganization", "Organization", "Entity"],
                role="adopter",
            ),
        ],
    )
    graph.edges = [
        ViewEdge("union-organization/甲工会", "practice/craftsman-school", "ADOPTS"),
        ViewEdge("union-organization/乙工会", "practice/craftsman-school", "ADOPTS"),
    ]
    return graph.finish()


def test_rendered_page_is_self_contained_and_carries_every_node() -> None:
    page = render_view(_sample_graph())
    assert not EXTERNAL.search(page) and not LOADS.search(page), "the page would load something from the network"
    js, css = vis_assets()
    assert str(js)[:200] in page and str(css)[:200] in page
    data = payload(page)
    assert [n["label"] for n in data["nodes"]] == ["工匠学堂", "甲工会", "乙工会"]
    assert data["details"]["union-organization/甲工会"]["evidence"][0]["quote"] == "甲工会开办工匠学堂。"
    assert data["details"]["union-organization/甲工会"]["url"] == "/views/entity/union-organization/" + quote("甲工会")
    year_fill = data["nodes"][1]["color"]["background"]
    assert year_fill != data["nodes"][2]["color"]["background"]  # a known year vs unknown (grey)
    assert "首次证据年份" in page and "年份不详" in page


def test_rendering_escapes_names() -> None:
    graph = ViewGraph(
        view="entity",
        title="<b>x</b>",
        total=1,
        nodes=[node("person/x", "</script><script>alert(1)</script>", ["Person"])],
    ).finish()
    page = render_view(graph)
    assert "<script>alert(1)" not in page and "<b>x</b>" not in page
    assert payload(page)["nodes"][0]["label"] == "</script><script>alert(1)</script>"


def test_empty_graph_renders_a_message() -> None:
    page = render_view(ViewGraph(view="query", title="空", message="查询没有结果").finish())
    assert "没有可画出的节点" in page and "查询没有结果" in page
    assert payload(page)["nodes"] == []


def test_render_graph_keeps_working_for_plain_rows() -> None:
    page = render_graph(
        [{"key": "a/1", "name": "一", "labels": ["Person"]}],
        [{"source": "a/1", "target": "a/9", "type": "X"}],
        title="plain",
    )
    assert payload(page)["nodes"][0]["label"] == "一" and payload(page)["edges"] == []


def test_exported_links_point_at_the_base_url() -> None:
    page = render_view(_sample_graph(), Links("http://127.0.0.1:8000"), standalone=True)
    details = payload(page)["details"]
    assert all(d["url"].startswith("http://127.0.0.1:8000/views/entity/") for d in details.values())


# --- builders with a fake runner --------------------------------------------------------------


def test_unknown_entity_and_query_raise_not_found() -> None:
    with pytest.raises(ViewNotFound):
        entity_view(lambda name, params: [], "person/nobody")
    with pytest.raises(ViewNotFound):
        query_view(lambda name, params: [], "no-such-query", {})


def test_query_view_asks_for_required_parameters_without_running() -> None:
    def run(name, params):
        raise AssertionError("must not run")

    graph = query_view(run, "search", {})
    assert graph.nodes == [] and "q" in graph.message
    assert [f.name for f in graph.form][:1] == ["q"]


def test_view_queries_are_named_queries_and_reserved_names_free() -> None:
    queries = public_queries()
    for name in VIEW_QUERIES:
        assert name in queries and queries[name].description
    for query in queries.values():
        assert not {p.name for p in query.params} & set(QUERY_VIEW_RESERVED), query.name


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


def test_coded_values_are_shown_in_chinese_and_plain_names_do_not_link() -> None:
    graph = ViewGraph(
        view="graph",
        title="t",
        total=2,
        nodes=[
            node("union-organization/甲", "甲", ["UnionOrganization"], props={"level": "carrier"}),
            node("温州市", "温州市", ["AdminArea"]),
        ],
    ).finish()
    details = payload(render_view(graph))["details"]
    assert ["层级", "载体级（carrier）"] in details["union-organization/甲"]["props"]
    assert details["温州市"]["url"] is None
