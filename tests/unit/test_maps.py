"""Map data (analytics.maps) and its SVG (visualizations.maps): interval-aware fills, former names, counts."""

from __future__ import annotations

import re

from analytics.adoptions import AdoptionEvent, EvidenceRef
from analytics.geography import regions
from analytics.intervals import with_intervals
from analytics.maps import practice_counts, practice_map
from visualizations.map_svg import EMPTY
from visualizations.maps import count_map_html, practice_map_html
from visualizations.model import Links


def event(practice: str, org: str, county: str, city: str, date: str, basis: str, doc: str) -> AdoptionEvent:
    ref = EvidenceRef(
        doc,
        f"{doc}#1",
        0,
        10,
        f"{org}开设了{practice}。",
        f"{date}-12-10" if basis == "article" else "2024-01-01",
        date if basis == "stated" else f"{date}-12-10",
        basis,
        date if basis == "stated" else "",
    )
    return AdoptionEvent(
        practice, org, "UnionOrganization", county, city, int(date[:4]), ref.date, basis, ref.date_phrase, (ref,)
    )


EVENTS = with_intervals(
    [
        event("craftsman-school", "湖州市南浔区总工会", "湖州市南浔区", "湖州市", "2016", "stated", "a"),
        event("craftsman-school", "杭州市下城区总工会", "杭州市下城区", "杭州市", "2018", "article", "b"),
        event("craftsman-school", "温州市总工会", "", "温州市", "2020", "article", "c"),
        event("craftsman-school", "杭州市拱墅区职工学校", "杭州市拱墅区", "杭州市", "2017", "stated", "e"),
        event("worker-station", "杭州市拱墅区总工会", "杭州市拱墅区", "杭州市", "2019", "stated", "d"),
    ]
)


def test_stated_years_fix_a_region_and_article_dates_only_bound_it() -> None:
    pmap = practice_map(EVENTS, "craftsman-school")
    nanxun = pmap.levels["county"]["湖州市南浔区"]
    assert (nanxun.year, nanxun.fixed) == (2016, True)
    gongshu = pmap.levels["county"]["杭州市拱墅区"]  # drawn on the successor, named as the texts name it
    assert gongshu.names == ("杭州市下城区", "杭州市拱墅区")
    # a stated 2017 bounds the district from above, but 下城区's article-dated adopter may be earlier
    assert (gongshu.year, gongshu.fixed, gongshu.latest_basis, gongshu.earliest) == (2017, False, "stated", "")
    assert [a.organization for a in gongshu.adopters] == ["杭州市拱墅区职工学校", "杭州市下城区总工会"]
    assert gongshu.adopters[1].quote.startswith("杭州市下城区总工会")
    wenzhou = pmap.levels["city"]["温州市"]
    assert (wenzhou.year, wenzhou.fixed, wenzhou.latest_basis) == (2020, False, "article")
    assert "温州市" in pmap.levels["city"] and "温州市" not in {
        r.city for r in map(regions().get, pmap.levels["county"])
    }
    assert pmap.years == [2016, 2017, 2018, 2019, 2020]


def test_counts_fold_former_districts_into_their_successor() -> None:
    counts = practice_counts(EVENTS)
    gongshu = counts["county"]["杭州市拱墅区"]
    assert gongshu.practices == ("craftsman-school", "worker-station")
    assert gongshu.names == ("杭州市下城区", "杭州市拱墅区") and gongshu.organizations == 3
    assert counts["city"]["杭州市"].count == 2 and counts["city"]["湖州市"].count == 1


def _fills(page: str, level: str) -> dict[str, str]:
    return dict(re.findall(rf'data-name="([^"]+)" data-level="{level}" data-city="[^"]*" fill="([^"]+)"', page))


def test_practice_map_page_has_a_path_per_region_solid_and_hatched_fills_and_region_links() -> None:
    page = practice_map_html(
        practice_map(EVENTS, "craftsman-school"),
        "工匠学堂",
        "craftsman school",
        places={"杭州市下城区", "湖州市南浔区"},
        links=Links(base="http://x"),
    )
    assert page.count('<path class="region"') == len(regions()) == 101
    fills = _fills(page, "county")
    assert len(fills) == 90
    assert fills["湖州市南浔区"].startswith("#") and fills["湖州市南浔区"] != EMPTY
    assert fills["杭州市拱墅区"] == "url(#hatch-2017)" and 'id="hatch-2017"' in page
    assert fills["丽水市莲都区"] == EMPTY
    assert set(_fills(page, "city").values()) == {"none"}  # cities drawn as outlines over the counties
    assert "http://x/views/region/%E6%9D%AD%E5%B7%9E%E5%B8%82%E4%B8%8B%E5%9F%8E%E5%8C%BA" in page  # 下城区's view
    assert "<script src" not in page and "http" not in page.replace("http://x", "").replace(
        "http://www.w3.org/2000/svg", ""
    )  # nothing fetched


def test_count_map_colours_by_number_of_practices() -> None:
    page = count_map_html(practice_counts(EVENTS), {"worker-station": "职工驿站"}, places=set(), level="city")
    fills = _fills(page, "city")
    assert fills["杭州市"] != fills["湖州市"] and EMPTY not in (fills["杭州市"], fills["湖州市"])
    assert fills["丽水市"] == EMPTY and "职工驿站" in page
