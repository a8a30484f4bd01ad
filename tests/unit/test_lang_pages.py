"""`?lang=en` on the pages written by hand, without Neo4j: the review table, the diffusion timeline and
precedence network, and the maps. English words, concepts by their English labels, names with pinyin,
what stays Chinese marked `lang="zh"`, and the Chinese pages as they were. With Neo4j:
tests/integration/test_lang.py (every /views route)."""

from __future__ import annotations

import json
import re

from analytics.maps import practice_counts, practice_map
from analytics.precedence import precedence_network
from analytics.timeline import practice_timeline
from graph_loader.reference.charclass import CJK_CHAR
from graph_loader.text.transliterate import pinyin
from ontology.labels import english_label
from queries import QueryReader
from tests.support.views import payload, visible_text
from tests.unit.test_diffusion import _planted_events, event
from tests.unit.test_maps import EVENTS
from tests.unit.test_review_page import FakeGraph, edge_row, found
from visualizations.diffusion import network_html, timeline_html
from visualizations.maps import count_map_html, practice_map_html
from visualizations.model import Links
from visualizations.review import render_review, review_page

EN = Links(lang="en")
CRAFTSMAN = english_label("craftsman-school")


def _island(page: str, element_id: str) -> dict:
    match = re.search(rf"""id=["']{element_id}["']>(.*?)</script>""", page, re.S)
    assert match, element_id
    return json.loads(match.group(1))


def _review_page():
    row = edge_row(tail={"key": "practice/craftsman-school", "name": "工匠学堂", "aliases": []})
    return review_page(QueryReader(FakeGraph(found(row, edge_row(status="confirmed"), total=2))))


def test_the_review_page_in_english() -> None:
    page = _review_page()
    english = page.in_language("en")
    assert page.in_language("zh") is page and english.lang == "en"
    tail = english.rows[0].to_json()["tail"]
    assert tail == {"key": "practice/craftsman-school", "name": CRAFTSMAN, "nameZh": "工匠学堂"}
    head = english.rows[0].to_json()["head"]
    assert head["name"] == "青禾县白鹭镇工会" and head["pinyin"] == "qīng hé xiàn bái lù zhèn gōng huì"
    html = render_review(english, EN)
    assert '<html lang="en">' in html and CRAFTSMAN in html and "qīng hé xiàn bái lù zhèn gōng huì" in html
    text = visible_text(html)
    for word in ("Review extracted edges", "Practice", "Relationship type", "not reviewed", "confirmed", "Accept"):
        assert word in text, word
    # Left in Chinese: the filters' names (a practice id the ontology lacks, a region with its pinyin).
    leftover = text.replace("职工书屋 · workers-reading-room", "").replace("青禾县 (qīng hé xiàn)", "")
    assert not CJK_CHAR.search(leftover), CJK_CHAR.findall(leftover)
    assert not any(CJK_CHAR.search(value) for value in _island(html, "ukg-review-strings").values())
    assert "lang=en" in html.split('id="ukg-review"')[1].split("</table>")[0]  # links keep the language


def test_the_chinese_review_page_keeps_its_words() -> None:
    html = render_review(_review_page())
    assert '<html lang="zh-CN">' in html and "接受 accept" in html and "未审核 extracted" in html
    assert 'lang="zh"' not in html and "ukg-pinyin" not in html.split("</style>")[1]
    assert "共 2 条关系，显示第 1–2 条。" in html


def _timeline():
    events = [
        event("craftsman-school", "甲工会", "湖州市", 2017),
        event("craftsman-school", "乙工会", "嘉兴市", 2019),
        event("craftsman-school", "丁工会", "", None),
    ]
    return practice_timeline(events, "craftsman-school")


def test_the_timeline_in_english() -> None:
    html = timeline_html(_timeline(), EN)
    assert "<html lang='en'>" in html and f"<h1>Diffusion of {CRAFTSMAN} (craftsman-school)</h1>" in html
    text = visible_text(html)
    assert "jiā xīng shì" in text and "Adoption timeline" in text and "Organisation" in text
    assert not CJK_CHAR.search(text), CJK_CHAR.findall(text)
    assert '<span lang="zh">甲工会</span>' in html  # names stay Chinese, marked
    chinese = timeline_html(_timeline())
    assert "<html lang='zh'>" in chinese and "工匠学堂（craftsman-school）的扩散 · diffusion of" in chinese
    assert 'lang="zh"' not in chinese


def test_the_precedence_network_in_english() -> None:
    events, _ = _planted_events(8)
    network = precedence_network(events, "city", shuffles=0)
    html = network_html(network, (), EN)
    drawn = payload(html)
    assert {edge["label"] for edge in drawn["edges"]} == {"precedes (significant)"}
    assert drawn["details"] and all(["Pinyin", pinyin(d["name"])] in d["props"] for d in drawn["details"].values())
    text = visible_text(html)
    assert "Significant precedences" in text and "hú zhōu shì" in text
    assert not CJK_CHAR.search(text), CJK_CHAR.findall(text)[:20]
    assert "先于（显著）" in network_html(network, ())  # the Chinese page as it was


def test_the_maps_in_english() -> None:
    pmap = practice_map(EVENTS, "craftsman-school")
    html = practice_map_html(pmap, "工匠学堂", CRAFTSMAN, {"杭州市下城区"}, Links(base="http://x", lang="en"))
    assert "<html lang='en'>" in html and f"Where {CRAFTSMAN} (craftsman-school) was adopted" in html
    data = _island(html, "ukg-map-data")
    assert not any(CJK_CHAR.search(value) for value in data["strings"].values())
    assert data["pinyin"]["湖州市南浔区"] == "hú zhōu shì nán xún qū"
    assert all(url.endswith("?lang=en") for url in data["links"].values()) and data["links"]
    text = visible_text(html)
    assert "Solid: the text states the year" in text and "hú zhōu" in text  # city labels in pinyin
    assert "工匠学堂" not in text
    counts = count_map_html(practice_counts(EVENTS), {"worker-station": "Worker station"}, set(), EN, "city")
    assert "Practices adopted per region" in counts and not CJK_CHAR.search(
        visible_text(counts).split("Not reported")[0]
    )
    chinese = _island(practice_map_html(pmap, "工匠学堂", CRAFTSMAN, set()), "ukg-map-data")
    assert chinese["pinyin"] == {} and chinese["strings"]["notReported"] == "未见报道 · not reported"
