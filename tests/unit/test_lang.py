"""`?lang=en` without Neo4j: the ontology's English labels, the UI catalogue, the answer walker and
an English page. With Neo4j: tests/integration/test_lang.py."""

from __future__ import annotations

import re
import string

from graph_loader.reference.charclass import CJK_CHAR
from ontology.labels import class_of_key, concept, english_label, transliterated
from ontology.model import get_ontology
from tests.support.views import payload
from visualizations.lang import EN, localise, translate
from visualizations.model import Links, ViewEdge, ViewGraph, ViewNode
from visualizations.render import render_view
from visualizations.style import legend_html

# The search box's example: it shows what to type, and the names are Chinese.
CHINESE_ON_PURPOSE = {"例如 小镇工会、湖笔小镇、工匠学堂"}


def english_only(label: str) -> bool:
    """English, with Chinese at most as a bracketed gloss: the spec writes one programme as
    'Industrial-workforce reform (产改) pilot', which a reader without Chinese still reads."""
    return bool(re.search(r"[A-Za-z]{3}", label)) and not CJK_CHAR.search(re.sub(r"\([^)]*\)", "", label))


def test_every_concept_has_an_english_label_by_key_and_by_id() -> None:
    ont = get_ontology()
    for class_name, concepts in (
        ("Practice", ont.practices),
        ("PracticeCategory", ont.practice_categories),
        ("Program", ont.programs),
    ):
        assert concepts
        for item in concepts:
            key = ont.instance_key(class_name, item.id)
            assert english_label(key) == item.en, key
            assert english_only(item.en), key
            assert class_of_key(key) == class_name
    assert not english_only("工匠学堂") and not english_only("Craftsman 学堂") and english_only("Craftsman school")
    assert english_label("craftsman-school") == english_label("practice/craftsman-school")
    assert english_label("union-organization/浙江省总工会") is None
    assert concept("no-such-id") is None


def test_names_of_organisations_people_and_places_only_are_transliterated() -> None:
    assert class_of_key("union-organization/x") == "UnionOrganization"
    assert class_of_key("no-slash") is None
    assert transliterated(["UnionOrganization"]) and transliterated(["Carrier"]) and transliterated(["Person"])
    assert not transliterated(["Practice"]) and not transliterated(["ServiceBrand"]) and not transliterated([])


def test_catalogue_is_english_with_the_same_placeholders() -> None:
    fields = string.Formatter()
    for zh, en in EN.items():
        assert {f for _, f, _, _ in fields.parse(zh) if f} == {f for _, f, _, _ in fields.parse(en) if f}, zh
        if zh not in CHINESE_ON_PURPOSE:
            assert not CJK_CHAR.search(en), en
    assert translate("最多节点", "en") == "Max nodes" and translate("最多节点") == "最多节点"
    assert translate("画出 {drawn} / {total} 个节点，{edges} 条关系", "en", drawn=1, total=2, edges=3).startswith(
        "1 / 2"
    )
    assert translate("没有这一句", "en") == "没有这一句"  # untranslated: Chinese, never an error


def test_localise_adds_english_labels_and_pinyin_without_changing_the_chinese() -> None:
    page = {
        "total": 1,
        "items": [
            {
                "key": "union-organization/湖州市南浔区善琏湖笔小镇工会联合会",
                "name": "湖州市南浔区善琏湖笔小镇工会联合会",
                "labels": ["UnionOrganization", "Organization", "Entity"],
                "practices": [{"id": "craftsman-school", "name": "工匠学堂", "year": 2018}],
                "city": "湖州市",
            }
        ],
        "party": {"key": "person/张三", "name": "张三"},
        "brand": {"key": "service-brand/红星学堂", "name": "红星学堂"},
    }
    assert localise(page, "zh") is page
    english = localise(page, "en", name_fields=("city",))
    item = english["items"][0]
    assert item["pinyin"].startswith("hú zhōu shì") and item["cityPinyin"] == "hú zhōu shì"
    assert item["practices"][0]["labelEn"] == english_label("craftsman-school")
    assert item["practices"][0]["name"] == "工匠学堂" and item["name"] == page["items"][0]["name"]
    assert english["party"]["pinyin"] == "zhāng sān"
    assert "pinyin" not in english["brand"] and "labelEn" not in english["brand"]
    assert "pinyin" not in page["items"][0]  # a new answer; the rows are not touched


def test_links_keep_the_language_between_views() -> None:
    links = Links(lang="en")
    assert links.entity("practice/x").endswith("?lang=en")
    assert "lang=en" in links.practice("x", expand="true") and "lang" not in links.curation()
    assert "lang" not in Links().entity("practice/x")


def _graph() -> ViewGraph:
    nodes = [
        ViewNode.from_row({"key": "practice/craftsman-school", "name": "工匠学堂", "labels": ["Practice"]}, focus=True),
        ViewNode.from_row({"key": "union-organization/甲工会", "name": "甲工会", "labels": ["UnionOrganization"]}),
        ViewNode.from_row({"key": "admin-area/湖州市", "name": "湖州市", "labels": ["AdminArea", "Place"]}),
    ]
    edges = [
        ViewEdge("union-organization/甲工会", "practice/craftsman-school", "ADOPTS"),
        ViewEdge("union-organization/甲工会", "admin-area/湖州市", "IN_CITY", derived=True),
    ]
    return ViewGraph(view="entity", title="工匠学堂", nodes=nodes, edges=edges, total=3).finish()


def test_an_english_page_labels_concepts_in_english_and_names_with_pinyin() -> None:
    graph = _graph().in_language("en")
    assert graph.title == english_label("craftsman-school")
    page = render_view(graph, Links(lang="en"))
    data = payload(page)
    labels = {node["id"]: node["label"] for node in data["nodes"]}
    assert labels["practice/craftsman-school"] == english_label("craftsman-school")
    assert labels["union-organization/甲工会"] == "甲工会"  # the name stays; its pinyin is in the details
    assert ["Pinyin", "jiǎ gōng huì"] in data["details"]["union-organization/甲工会"]["props"]
    assert ["Chinese", "工匠学堂"] in data["details"]["practice/craftsman-school"]["props"]
    assert {d["classZh"] for d in data["details"].values()} == {"Practice", "Union organization", "Administrative area"}
    assert {edge["label"] for edge in data["edges"]} == {"adopts", "in city"}
    assert '<html lang="en">' in page
    # Outside the data islands and the names drawn, nothing on the page is Chinese.
    visible = re.sub(r"<script.*?</script>", "", page, flags=re.S)
    for name in ("工匠学堂", "甲工会", "湖州市"):
        visible = visible.replace(name, "")
    assert not CJK_CHAR.search(visible), CJK_CHAR.findall(visible)[:20]
    as_json = graph.to_json()["nodes"]
    assert as_json[0]["name"] == english_label("craftsman-school") and as_json[0]["nameZh"] == "工匠学堂"
    assert as_json[1]["pinyin"] == "jiǎ gōng huì"


def test_the_chinese_page_is_unchanged_by_the_language_support() -> None:
    graph = _graph()
    assert graph.in_language("zh") is graph
    assert all("pinyin" not in node and "nameZh" not in node for node in graph.to_json()["nodes"])
    page = render_view(graph, Links())
    assert '<html lang="zh-CN">' in page and "更新视图" not in page  # no form in this graph
    assert "采用实践" in legend_html({"Practice"}, edge_types={"ADOPTS"})
    assert "adopts" in legend_html({"Practice"}, edge_types={"ADOPTS"}, lang="en")
