"""Map views on the real corpus (session graph): pages render, a path per region, adopters coloured."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from analytics import geography
from visualizations.map_svg import EMPTY

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def client(built_graph) -> TestClient:
    from api.app import create_app

    with TestClient(create_app()) as test_client:
        yield test_client


def test_every_region_of_the_corpus_events_lands_on_a_polygon(client: TestClient) -> None:
    events = client.get("/diffusion/events").json()
    names = {(e["county"], "county") for e in events if e["county"]} | {
        (e["city"], "city") for e in events if e["city"]
    }
    assert len(names) > 30
    missing = sorted(n for n, level in names if geography.draw_region(n) not in geography.regions(level))
    assert not missing
    assert ("杭州市下城区", "county") in names  # a former district the corpus uses, drawn on 拱墅区


def test_practice_map_colours_the_regions_that_adopted(client: TestClient) -> None:
    data = client.get("/views/diffusion/map/craftsman-school?format=json").json()
    adopted = data["levels"]["county"]
    assert "湖州市南浔区" in adopted and data["years"]
    response = client.get("/views/diffusion/map/craftsman-school")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    page = response.text
    assert page.count('<path class="region"') == 101
    fills = dict(re.findall(r'data-name="([^"]+)" data-level="county" data-city="[^"]*" fill="([^"]+)"', page))
    assert {n for n, f in fills.items() if f != EMPTY} == set(adopted)
    for name, region in adopted.items():
        assert fills[name] == (f"url(#hatch-{region['year']})" if not region["fixed"] else fills[name])
        assert region["adopters"] and all(a["quote"] for a in region["adopters"])
    assert "工匠学堂" in page and "<script src" not in page


def test_unknown_practice_is_a_404_page_or_json(client: TestClient) -> None:
    page = client.get("/views/diffusion/map/no-such-practice")
    assert page.status_code == 404 and "no-such-practice" in page.text and "<html" in page.text.lower()
    body = client.get("/views/diffusion/map/no-such-practice?format=json")
    assert body.status_code == 404 and body.json()["error"]
    assert client.get("/views/diffusion/map/craftsman-school?level=town").status_code == 422


def test_count_map_and_index_link(client: TestClient) -> None:
    counts = client.get("/views/map?format=json").json()
    assert counts["county"] and all(c["count"] == len(c["practices"]) for c in counts["county"].values())
    page = client.get("/views/map").text
    assert page.count('<path class="region"') == 101 and "各地采用的实践数" in page
    assert "/views/map" in client.get("/views/").text
