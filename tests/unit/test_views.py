"""The views (issue #7) without Neo4j: style/legend, the view model, rendering, and the builders over a
reader whose read function answers rows built here. With Neo4j: tests/integration/test_views.py."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from queries import QueryReader, public_queries
from tests.support.views import EXTERNAL, LOADS, payload
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

VIEW_QUERIES = ("view_entity", "view_practice", "view_region", "view_subgraph", "regions")


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


def test_page_data_is_utf8_not_escapes() -> None:
    """Chinese names are written as themselves (3 bytes a character), not as \\uXXXX (6 bytes)."""
    graph = ViewGraph(view="entity", title="x", total=1, nodes=[node("person/张三", "张三", ["Person"])]).finish()
    page = render_view(graph)
    data = page.split('id="ukg-data">', 1)[1].split("</script>", 1)[0]
    assert "张三" in data and "\\u5f20" not in data.lower()
    assert payload(page)["nodes"][0]["label"] == "张三"


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


# --- builders over a read function that answers rows built here (no Neo4j) ---------------------


def test_unknown_entity_and_query_raise_not_found() -> None:
    empty = QueryReader(lambda text, params: [])
    with pytest.raises(ViewNotFound):
        entity_view(empty, "person/nobody")
    with pytest.raises(ViewNotFound):
        query_view(empty, "no-such-query", {})


def test_query_view_asks_for_required_parameters_without_running() -> None:
    def read(text, params):
        raise AssertionError("must not run")

    graph = query_view(QueryReader(read), "search", {})
    assert graph.nodes == [] and "q" in graph.message
    assert [f.name for f in graph.form][:1] == ["q"]


def test_view_queries_are_named_queries_and_reserved_names_free() -> None:
    queries = public_queries()
    for name in VIEW_QUERIES:
        assert name in queries and queries[name].description
    for query in queries.values():
        assert not {p.name for p in query.params} & set(QUERY_VIEW_RESERVED), query.name


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
