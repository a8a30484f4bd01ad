"""`?lang=en` against the session graph: English labels for every concept the corpus yields, pinyin
for names, the Chinese answer unchanged and cached apart, 422 for an unknown language, and every
view drawn without a Chinese-only concept label — every `/views` page of the app, found from its
routes, not from a list here. Without Neo4j: tests/unit/test_lang.py, tests/unit/test_lang_pages.py."""

from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient

from ontology.labels import CONCEPT_CLASSES, english_label
from ontology.model import get_ontology
from tests.support.views import payload, visible_text
from tests.unit.test_lang import english_only

pytestmark = pytest.mark.integration

HEADLINE = {"label": "UnionOrganization", "carrier_type": "town", "practice": "craftsman-school"}
VIEWS = (
    "/views/overview?limit=150",
    "/views/entity/practice/craftsman-school",
    "/views/entity/union-organization/湖州市南浔区善琏湖笔小镇工会联合会",
    "/views/practice/skills?expand=true",
    "/views/region/湖州市",
    "/views/query/practices",
    "/views/query/organizations?practice=craftsman-school",
)


@pytest.fixture(scope="module")
def client(built_graph) -> TestClient:
    from api.app import create_app

    with TestClient(create_app()) as test_client:
        yield test_client


def get(client: TestClient, path: str, **params) -> dict | list:
    response = client.get(path, params=params) if params else client.get(path)  # params={} drops path's query
    assert response.status_code == 200, response.text
    return response.json()


def test_every_concept_in_the_graph_has_its_english_label(client: TestClient) -> None:
    query = "MATCH (c) WHERE c:PracticeCategory OR c:Program RETURN c.key AS key ORDER BY key"
    keys = [row["key"] for row in client.post("/cypher", json={"query": query}).json()["rows"]]
    assert len(keys) > 10
    for key in keys:  # categories and programmes one by one; the practices all at once below
        entity = get(client, f"/entities/{quote(key, safe='/')}", lang="en", limit=1)["entity"]
        assert entity["labelEn"] == english_label(key) and english_only(entity["labelEn"]), key
    practices = get(client, "/practices", lang="en")
    assert len(practices) > 40
    assert all(row["labelEn"] == english_label(row["id"]) and english_only(row["labelEn"]) for row in practices)


def test_names_carry_pinyin_and_the_chinese_answer_is_unchanged_and_cached_apart(client: TestClient) -> None:
    chinese = get(client, "/organizations", **HEADLINE)
    english = get(client, "/organizations", **HEADLINE, lang="en")
    assert get(client, "/organizations", **HEADLINE, lang="zh") == chinese  # served from the cache: not English
    assert chinese["items"] and len(english["items"]) == len(chinese["items"])
    for zh, en in zip(chinese["items"], english["items"], strict=True):
        assert "pinyin" not in zh and en["pinyin"] and en["name"] == zh["name"]
        assert {k: v for k, v in en.items() if k not in ("pinyin", "practices")} == {
            k: v for k, v in zh.items() if k != "practices"
        }
        assert all(p["labelEn"] == english_label(p["id"]) for p in en["practices"])
    adopters = get(client, "/practices/craftsman-school/adopters", lang="en")["items"]
    assert all(item["pinyin"] and (item["city"] is None or item["cityPinyin"]) for item in adopters)
    people = get(client, "/people", lang="en", limit=5)["items"]
    assert people and all(person["pinyin"] for person in people)
    timeline = get(client, "/diffusion/practices/craftsman-school", lang="en")
    assert timeline["practice"]["labelEn"] == english_label("craftsman-school")


@pytest.mark.parametrize(
    "path", ["/organizations", "/views/overview", "/diffusion/events", "/views/map", "/views/diffusion/network"]
)
def test_an_unknown_language_is_a_422_naming_the_parameter(client: TestClient, path: str) -> None:
    response = client.get(path, params={"lang": "fr", "format": "json"} if "views" in path else {"lang": "fr"})
    assert response.status_code == 422
    assert response.json()["error"] == "bad_parameter" and "lang" in response.json()["detail"]


def test_every_view_in_english_draws_concepts_by_their_english_labels(client: TestClient) -> None:
    """From the page's own data island (what vis-network draws and the details panel shows): the JSON
    variant (`format=json`) is the same ViewGraph (unit-tested), so it is not fetched a second time."""
    concepts_seen = set()
    for path in VIEWS:
        page = client.get(path + ("&" if "?" in path else "?") + "lang=en")
        assert page.status_code == 200 and '<html lang="en">' in page.text, path
        drawn = payload(page.text)
        assert drawn["nodes"], path
        for node in drawn["nodes"]:
            details = drawn["details"][node["id"]]
            props = dict(details["props"])
            if details["class"] in CONCEPT_CLASSES:
                concepts_seen.add(node["id"])
                assert english_only(node["label"]) and props["Chinese"], (path, node["id"])
                assert details["classZh"] in ("Practice", "Practice category", "Program")
            elif "Pinyin" in props:
                assert node["label"] == details["name"] and props["Pinyin"]
        assert "lang=en" in page.text.split('id="ukg-data"')[0], path  # links keep the language
    assert len(concepts_seen) > 40
    index = client.get("/views/", params={"lang": "en", "q": "小镇"})
    assert index.status_code == 200 and "Search entities" in index.text and "lang=en" in index.text


# A page's path parameters, filled from the session graph (a new parameter name fails here, on purpose).
PATH_PARAM = re.compile(r"\{(\w+)(?::path)?\}")
TONE_MARKS = re.compile("[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")  # pinyin, as pypinyin writes it
NAMED_PAGES = ("/views/review", "/views/diffusion/", "/views/map")  # pages written by hand, with names in pinyin
LINKLESS = ("/views/diffusion/practices/",)  # the timeline links nowhere
SMALLER = {"/views/overview": {"limit": 60}}  # the default 200 best-connected nodes: 3 MB to parse for nothing new


def view_routes(client: TestClient) -> list[str]:
    """Every GET page under /views that the app serves (the path templates, `{key:path}` and all)."""
    found = [
        route.path
        for route in iter_route_contexts(client.app.routes)
        if route.path and route.path.startswith("/views") and "GET" in (route.methods or ())
    ]
    return sorted(set(found))


def test_every_views_route_in_english_shows_no_chinese_only_concept_label(client: TestClient) -> None:
    """Each page's text outside scripts, styles and what it marks `lang="zh"` (names, evidence
    sentences) names no concept by its Chinese label; graph views draw concepts by English labels
    (their data island, as above), the map's tooltips list practices in English, and the pages
    written by hand give names their pinyin."""
    ont = get_ontology()
    chinese = {c.zh: c.id for group in (ont.practices, ont.practice_categories, ont.programs) for c in group}
    practices = [p for p in get(client, "/practices") if not ont.narrower(p["id"]) and p["adopters"]]
    practice = max(practices, key=lambda p: (p["adopters"], p["id"]))["id"]
    adopter = get(client, f"/practices/{practice}/adopters", limit=1)["items"][0]["key"]
    region = max(get(client, "/queries/regions")["rows"], key=lambda r: (r["organizations"], r["name"]))["name"]
    fill = {"key": adopter, "practice_id": practice, "place": region, "name": "practices"}
    routes = view_routes(client)
    assert len(routes) >= 12 and "/views/map" in routes and "/views/review" in routes
    for route in routes:
        path = PATH_PARAM.sub(lambda m: quote(fill[m.group(1)], safe="/"), route)
        page = client.get(path, params={"lang": "en", **SMALLER.get(route, {})})
        assert page.status_code == 200, (route, page.text[:300])
        assert re.search(r"<html lang=[\"']en[\"']", page.text), route
        text = visible_text(page.text)
        if 'id="ukg-data"' in page.text:  # a graph view: names stay Chinese (their pinyin is in the details)
            drawn = payload(page.text)
            for node in drawn["nodes"]:
                details = drawn["details"][node["id"]]
                if details["class"] in CONCEPT_CLASSES:
                    assert english_only(node["label"]), (route, node["id"], node["label"])
                else:
                    text = text.replace(details["name"], "")
        unglossed = re.sub(r"\([^)]*\)", "", text)  # a bracketed gloss may stay: "Party-building links (党建带工建 …)"
        shown = sorted(zh for zh in chinese if zh in unglossed)
        assert not shown, (route, shown, text[:300])
        island = re.search(r"id='ukg-map-data'>(.*?)</script>", page.text, re.S)
        for level in json.loads(island.group(1))["regions"].values() if island else ():
            assert all(english_only(label) for r in level.values() for label in r.get("labels", ())), route
        if route.startswith(NAMED_PAGES):
            assert TONE_MARKS.search(text), (route, "no name in pinyin")
        if not route.startswith(LINKLESS):
            assert "lang=en" in page.text, (route, "links drop the language")
