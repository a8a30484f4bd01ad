"""The overview and a practice's map in English (`?lang=en`) in headless Chromium: no console errors,
nothing fetched off 127.0.0.1, an English legend, concept nodes drawn by their English labels, a map
tooltip in English with the region's pinyin, and clicks that keep the language. Everything else about
`lang=en` is checked without a browser (tests/*/test_lang.py, tests/unit/test_lang_pages.py).
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from graph_loader.reference.charclass import CJK_CHAR
from ontology.labels import CONCEPT_CLASSES
from tests.browser.test_browser import LOCAL_HOSTS, SCREENSHOTS, browser, open_view, page, server
from tests.browser.test_maps import open_map, point_in

# Fixtures of tests/browser/test_browser.py, found by name (its module-level skip without Chromium skips here too).
SHARED_FIXTURES = (browser, page, server)

pytestmark = pytest.mark.integration


def test_overview_in_english(page, server: str) -> None:
    open_view(page, server + "/views/overview?limit=80&lang=en")
    legend = page.locator("#ukg-legend").inner_text()
    assert "Classes" in legend and "Union organization" in legend and not CJK_CHAR.search(legend)
    assert page.locator("html").get_attribute("lang") == "en"
    assert not CJK_CHAR.search(page.locator("#ukg-filter").inner_text() + page.locator("footer").inner_text())
    concepts = page.evaluate(
        """classes => window.ukg.nodes.get().filter(n => {
            return classes.includes(n.title.querySelector('.ukg-class').textContent.split(' · ').pop());
        }).map(n => n.label)""",
        list(CONCEPT_CLASSES),
    )
    assert concepts and not any(CJK_CHAR.search(label) for label in concepts), concepts
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "overview-en.png"))
    page.locator("a.ukg-home").click()
    page.wait_for_url(lambda url: "lang=en" in url)
    assert "Search entities" in page.locator("body").inner_text()
    page.recorder.assert_clean()
    assert all(urlsplit(url).hostname in LOCAL_HOSTS for url in page.recorder.requests)


def test_practice_map_in_english(page, server: str) -> None:
    import httpx

    data = httpx.get(f"{server}/views/diffusion/map/craftsman-school?format=json", timeout=60).json()
    open_map(page, server + "/views/diffusion/map/craftsman-school?lang=en")
    assert page.locator("html").get_attribute("lang") == "en"
    assert data["en"] in page.locator("#ukg-title").inner_text()
    legend = page.locator("#ukg-legend").inner_text()
    assert "Solid" in legend and "Not reported" in legend and not CJK_CHAR.search(legend)
    counties = data["levels"]["county"]
    linked = set(page.evaluate("() => Object.keys(window.ukgMap.data.links)"))
    name = max((n for n in counties if n in linked), key=lambda n: len(counties[n]["adopters"]))
    point = point_in(page, name)
    page.mouse.move(point["x"], point["y"], steps=3)
    tip = page.locator("#ukg-map-tip")
    tip.wait_for(state="visible", timeout=5_000)
    pinyin = page.evaluate("name => window.ukgMap.data.pinyin[name]", name)
    assert pinyin and f"{name} ({pinyin})" in tip.inner_text() and "First adoption: " in tip.inner_text()
    page.screenshot(path=str(SCREENSHOTS / "map-craftsman-school-en.png"), full_page=True)
    page.mouse.click(point["x"], point["y"])
    page.wait_for_url(lambda url: "/views/region/" in url and "lang=en" in url, timeout=15_000)
    page.recorder.assert_clean()
    assert all(urlsplit(url).hostname in LOCAL_HOSTS for url in page.recorder.requests)
