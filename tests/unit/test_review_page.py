"""The review page without Neo4j: marking both ends in an evidence sentence, shaping `review_edges` rows,
the filters' errors, and the HTML (escaping, buttons, the shared curation client, offline).

Sentences are invented (青禾县, 白鹭镇 …), so the expected marks follow from the text itself. The page
in a browser, posting corrections: tests/browser/test_review.py."""

from __future__ import annotations

import re
from typing import Any

import pytest

from queries import BadQueryParameter, QueryReader, public_queries
from tests.support.views import LOADS
from visualizations.highlight import ELLIPSIS, HEAD, TAIL, Mark, find_marks, segments, split_surfaces, tidy, windows
from visualizations.model import Links, ViewGraph, ViewNode
from visualizations.render import render_view
from visualizations.review import ReviewRow, render_review, review_page, type_options

UNION = "union-organization/青禾县白鹭镇工会"
READING_ROOM = "practice/workers-reading-room"


def marked(text: str, marks: tuple[Mark, ...], width: int | None = None) -> str:
    """The text with [h:…] and [t:…] around the marked runs: easy to read in an assertion."""
    return "".join(f"[{s.role[0]}:{s.text}]" if s.role else s.text for s in segments(text, marks, width))


# --- highlighting -------------------------------------------------------------------------------


def test_recorded_surfaces_mark_head_and_tail() -> None:
    text = "青禾县白鹭镇工会建成职工书屋"
    marks = find_marks(text, ["青禾县白鹭镇工会"], ["职工书屋", "书屋"], surfaces=["白鹭镇工会", "职工书屋"])
    assert marks == (Mark(3, 8, HEAD), Mark(10, 14, TAIL))
    assert marked(text, marks) == "青禾县[h:白鹭镇工会]建成[t:职工书屋]"


def test_names_and_aliases_are_the_fallback_and_the_longest_wins() -> None:
    text = "白鹭镇工会建成职工书屋，书屋藏书三千册。"
    marks = find_marks(text, ["青禾县白鹭镇工会", "白鹭镇工会"], ["职工书屋", "书屋"])
    # 职工书屋 is taken whole (not 书屋 inside it); the second, separate 书屋 is marked as well.
    assert marked(text, marks) == "[h:白鹭镇工会]建成[t:职工书屋]，[t:书屋]藏书三千册。"


def test_a_surface_missing_from_the_quote_falls_back_to_the_names() -> None:
    text = "白鹭镇工会建成职工书屋"
    marks = find_marks(text, ["白鹭镇工会"], ["职工书屋"], surfaces=["该工会", "职工书屋"])
    assert marked(text, marks) == "[h:白鹭镇工会]建成[t:职工书屋]"


def test_line_breaks_width_and_case_do_not_hide_an_end() -> None:
    raw = "白鹭\n镇工会开通了ＥＡＳＹ职工之\n家小程序"
    marks = find_marks(raw, ["白鹭镇工会"], ["easy职工之家"], surfaces=["白鹭镇工会", "Easy职工之家"])
    assert [(raw[m.start : m.end], m.role) for m in marks] == [("白鹭\n镇工会", HEAD), ("ＥＡＳＹ职工之\n家", TAIL)]
    text = tidy(raw)
    assert text == "白鹭镇工会开通了ＥＡＳＹ职工之家小程序"
    assert (
        marked(text, find_marks(text, ["白鹭镇工会"], ["easy职工之家"]))
        == "[h:白鹭镇工会]开通了[t:ＥＡＳＹ职工之家]小程序"
    )


def test_tidy_keeps_spaces_between_latin_words_only() -> None:
    assert tidy("  青禾县\n 总工会\r\n举办 open   day 活动 ") == "青禾县总工会举办 open day 活动"


def test_a_lone_surface_goes_to_the_end_it_resembles() -> None:
    assert split_surfaces(["职工书屋"], ["白鹭镇工会"], ["职工书屋"]) == (None, "职工书屋")
    assert split_surfaces(["该工会"], ["白鹭镇工会"], ["职工书屋"]) == ("该工会", None)
    assert split_surfaces(["白鹭镇工会", "书屋"], [], []) == ("白鹭镇工会", "书屋")
    assert split_surfaces(["", " "], ["a"], ["b"]) == (None, None)


def test_a_place_inside_the_organisation_name_shows_both_ends() -> None:
    text = "青禾县白鹭镇工会建成职工书屋"
    marks = find_marks(text, ["青禾县白鹭镇工会"], ["青禾县"])
    assert marked(text, marks) == "[t:青禾县][h:白鹭镇工会]建成职工书屋"


def test_a_long_sentence_is_cut_around_both_ends() -> None:
    filler = "，".join(["开展技能培训"] * 40)  # 279 characters without either end
    text = f"白鹭镇工会{filler}，建成职工书屋。{filler}"
    marks = find_marks(text, ["白鹭镇工会"], ["职工书屋"])
    shown = segments(text, marks, 60)
    assert [s.text for s in shown if s.role] == ["白鹭镇工会", "职工书屋"]
    assert sum(len(s.text) for s in shown if s.text != ELLIPSIS) <= 60
    assert [s.text for s in shown].count(ELLIPSIS) == 2  # between the two stretches, and at the end
    near = f"{filler}白鹭镇工会建成职工书屋{filler}"
    ((low, high),) = windows(near, find_marks(near, ["白鹭镇工会"], ["职工书屋"]), 60)
    assert "白鹭镇工会建成职工书屋" in near[low:high] and high - low == 60
    assert marked("短句", (), 60) == "短句"


# --- rows and the page's data -------------------------------------------------------------------


def edge_row(rel_type: str = "ADOPTS", quote: str = "青禾县白鹭镇工会建成职工书屋", **extra: Any) -> dict[str, Any]:
    return {
        "key": f"{UNION}|{rel_type}|{READING_ROOM}",
        "type": rel_type,
        "head": {"key": UNION, "name": "青禾县白鹭镇工会", "aliases": ["白鹭镇工会"]},
        "tail": {"key": READING_ROOM, "name": "职工书屋", "aliases": []},
        "confidence": 0.72,
        "rule": "adoptions.topic",
        "status": "extracted",
        "year": 2019,
        "evidence": {
            "quote": quote,
            "docId": "d1",
            "date": "2019-05-01",
            "rawStart": 10,
            "rawEnd": 24,
            "surfaces": ["白鹭镇工会", "职工书屋"],
        },
        "evidenceCount": 2,
        **extra,
    }


def test_a_row_carries_what_the_table_shows() -> None:
    row = ReviewRow.from_row(edge_row())
    data = row.to_json()
    assert data["head"] == {"key": UNION, "name": "青禾县白鹭镇工会"} and data["tail"]["key"] == READING_ROOM
    assert (data["confidence"], data["rule"], data["status"], data["year"]) == (
        0.72,
        "adoptions.topic",
        "extracted",
        2019,
    )
    assert data["dated"] is True and data["evidenceCount"] == 2
    assert data["evidence"]["marks"] == [
        {"start": 3, "end": 8, "role": "head"},
        {"start": 10, "end": 14, "role": "tail"},
    ]
    assert ReviewRow.from_row(edge_row("COVERS")).dated is False
    assert ReviewRow.from_row(edge_row("PARTICIPATES_IN")).dated is True
    assert ReviewRow.from_row({**edge_row(), "evidence": None}).evidence is None


class FakeGraph:
    """A read function answering the named queries the review page runs, and remembering the calls."""

    def __init__(self, found: dict[str, Any]) -> None:
        self.found = found
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.names = {query.text: name for name, query in public_queries().items()}

    def __call__(self, text: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        name = self.names[text]
        self.calls.append((name, params))
        if name == "review_edges":
            return [self.found]
        if name == "practices":
            return [{"id": "workers-reading-room", "name": "职工书屋", "en": "", "category": "venues", "adopters": 1}]
        if name == "regions":
            return [
                {
                    "key": "admin-area/青禾县",
                    "name": "青禾县",
                    "adminLevel": "county",
                    "carriers": 0,
                    "organizations": 1,
                }
            ]
        raise AssertionError(name)


def found(*rows: dict[str, Any], total: int | None = None, **flags: bool) -> dict[str, Any]:
    return {
        "total": len(rows) if total is None else total,
        "items": list(rows),
        "types": [{"type": "ADOPTS", "count": len(rows)}],
        "practiceFound": flags.get("practice", True),
        "regionFound": flags.get("region", True),
    }


def test_the_page_passes_its_filters_to_the_query_and_pages() -> None:
    graph = FakeGraph(found(edge_row(), total=120))
    page = review_page(QueryReader(graph), "workers-reading-room", "adopts", "青禾县", None, 50, 50)
    name, params = graph.calls[0]
    assert name == "review_edges"
    assert params == {
        "practice": "workers-reading-room",
        "type": "ADOPTS",
        "region": "青禾县",
        "status": None,
        "limit": 50,
        "offset": 50,
    }
    assert page.params == {"practice": "workers-reading-room", "type": "ADOPTS", "region": "青禾县"}
    assert page.total == 120 and [r.key for r in page.rows] == [edge_row()["key"]]
    assert page.practices == [("workers-reading-room", "职工书屋")] and page.regions == ["青禾县"]
    html = render_review(page)
    previous = re.search(r'id="ukg-previous" href="([^"]+)"', html)
    following = re.search(r'id="ukg-next" href="([^"]+)"', html)
    assert previous and "offset" not in previous.group(1) and "limit=50" in previous.group(1)
    assert following and "offset=100" in following.group(1) and "type=ADOPTS" in following.group(1)
    assert page.to_json()["rows"][0]["key"] == edge_row()["key"]


@pytest.mark.parametrize(
    ("given", "flags", "says"),
    [
        ({"rel_type": "NOT_A_TYPE"}, {}, "type: unknown relationship type 'NOT_A_TYPE'"),
        ({"practice": "nothing-like-it"}, {"practice": False}, "practice: no practice or practice category"),
        ({"region": "火星"}, {"region": False}, "region: no place named '火星'"),
        ({"status": "pending"}, {}, "status: 'pending' is not one of"),
    ],
)
def test_unknown_filters_are_bad_parameters(given: dict[str, Any], flags: dict[str, bool], says: str) -> None:
    with pytest.raises(BadQueryParameter, match=re.escape(says)):
        review_page(QueryReader(FakeGraph(found(**flags))), **given)


def test_type_options_keep_the_chosen_type_even_without_matches() -> None:
    assert type_options([("ADOPTS", 3)], "COVERS") == [("ADOPTS", "采用实践 ADOPTS (3)"), ("COVERS", "覆盖 COVERS (0)")]


# --- HTML ---------------------------------------------------------------------------------------


def test_the_page_escapes_quotes_and_names_and_marks_both_ends() -> None:
    hostile = edge_row(quote="青禾县白鹭镇工会<script>alert(1)</script>建成职工书屋&")
    hostile["head"] = {**hostile["head"], "name": "<b>青禾县白鹭镇工会</b>"}
    corrected = {**edge_row("COVERS"), "key": "k2", "status": "confirmed"}
    html = render_review(review_page(QueryReader(FakeGraph(found(hostile, corrected)))))
    assert "<script>alert(1)" not in html and "<b>青禾县" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "建成<mark" in html.replace("\n", "")
    assert '<mark class="ukg-head">白鹭镇工会</mark>' in html and '<mark class="ukg-tail">职工书屋</mark>' in html
    rows = re.findall(r"<tr data-key=.*?</tr>", html, re.S)
    assert len(rows) == 2
    assert all('data-kind="confirm-edge"' in r and 'data-kind="reject-edge"' in r for r in rows)
    assert 'data-kind="set-year"' in rows[0] and 'data-kind="set-year"' not in rows[1]  # COVERS has no year
    assert "已确认" in rows[1] and 'data-status="confirmed"' in rows[1]


def test_the_page_loads_nothing_and_asks_for_the_token_once() -> None:
    html = render_review(review_page(QueryReader(FakeGraph(found(edge_row())))), Links())
    assert not LOADS.search(html)
    assert html.count('id="ukg-token"') == 1 and html.count("window.ukgCuration =") == 1
    assert "sessionStorage" in html and '"endpoint":"/curation"' in html
    assert 'href="/views/entity/union-organization/' in html


def test_the_entity_view_offers_rename_and_merge_with_the_same_client() -> None:
    graph = ViewGraph(
        view="entity",
        title="青禾县白鹭镇工会",
        nodes=[
            ViewNode.from_row({"key": UNION, "name": "青禾县白鹭镇工会", "labels": ["Entity", "UnionOrganization"]})
        ],
        params={"key": UNION},
    ).finish()
    page = render_view(graph, Links())
    assert 'id="ukg-curate" data-key="union-organization/青禾县白鹭镇工会"' in page
    assert '"rename-entity"' in page and '"merge-entities"' in page
    assert page.count("window.ukgCuration =") == 1 and page.count('id="ukg-token"') == 1
    review = render_review(review_page(QueryReader(FakeGraph(found(edge_row())))))
    shared = re.search(r"window\.ukgCuration = .*?\}\)\(\);", page, re.S)
    assert shared and shared.group(0) in review  # one client, the same bytes in both pages
    assert "ukg-curate" not in render_view(graph, Links("http://127.0.0.1:8000"), standalone=True)
    other = ViewGraph(view="practice", title="职工书屋", params={"practice": "x"}).finish()
    assert "ukg-curate" not in render_view(other)
