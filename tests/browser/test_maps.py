"""The map views in headless Chromium: no request off 127.0.0.1, no console error, Chinese renders,
hovering a region lists its adopters with evidence, the year slider hides later regions, a click opens
the region view, and `ukg render map` works from file://. Screenshots go to out/screenshots/."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest

from tests.browser.test_browser import SCREENSHOTS, Recorder, browser, page, server  # noqa: F401  (fixtures)

pytestmark = pytest.mark.integration
PRACTICE = "craftsman-school"


def open_map(tab, url: str) -> None:
    tab.goto(url)
    tab.wait_for_function("document.body.dataset.ready === 'true'", timeout=30_000)


def point_in(tab, name: str) -> dict:
    """A page point inside the region's drawn shape where the region is the topmost element."""
    point = tab.evaluate(
        """name => {
            const level = document.getElementById('ukg-map').dataset.level;
            const p = [...document.querySelectorAll('path.region')].find(
                el => el.dataset.name === name && el.dataset.level === level);
            const box = p.getBBox(), ctm = p.getScreenCTM();
            for (let i = 1; i < 12; i++) for (let j = 1; j < 12; j++) {
                const x = box.x + box.width * i / 12, y = box.y + box.height * j / 12;
                const s = new DOMPoint(x, y).matrixTransform(ctm);
                if (document.elementFromPoint(s.x, s.y) === p) return {x: s.x, y: s.y};
            }
            return null;
        }""",
        name,
    )
    assert point, f"no visible point inside {name}"
    return point


def test_practice_map_hover_slider_click(page, server: str) -> None:  # noqa: F811
    import httpx

    data = httpx.get(f"{server}/views/diffusion/map/{PRACTICE}?format=json", timeout=60).json()
    open_map(page, f"{server}/views/diffusion/map/{PRACTICE}")
    assert "工匠学堂" in page.locator("#ukg-title").inner_text()
    assert page.evaluate("document.fonts.check('16px \"Noto Sans CJK SC\"', '工匠学堂')")
    counties = data["levels"]["county"]
    assert int(page.locator("#ukg-map").get_attribute("data-shown")) == len(counties)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "map-craftsman-school.png"), full_page=True)

    name = max(counties, key=lambda n: (counties[n]["year"] == min(data["years"]), len(counties[n]["adopters"])))
    region = counties[name]
    point = point_in(page, name)
    page.mouse.move(point["x"], point["y"], steps=3)
    tip = page.locator("#ukg-map-tip")
    tip.wait_for(state="visible", timeout=5_000)
    text = tip.inner_text()
    adopter = region["adopters"][0]
    assert name in text and adopter["organization"] in text and adopter["quote"][:15] in text
    page.screenshot(path=str(SCREENSHOTS / "map-craftsman-school-hover.png"), full_page=True)

    later = [n for n, r in counties.items() if r["year"] > min(data["years"])]
    page.locator("#ukg-year").fill(str(min(data["years"])))
    page.locator("#ukg-year").dispatch_event("input")
    assert int(page.locator("#ukg-map").get_attribute("data-shown")) == len(counties) - len(later)
    page.locator("#ukg-year").fill(str(max(data["years"])))
    page.locator("#ukg-year").dispatch_event("input")

    page.locator("input[name=level][value=city]").check()
    assert int(page.locator("#ukg-map").get_attribute("data-shown")) == len(data["levels"]["city"])
    page.locator("input[name=level][value=county]").check()

    point = point_in(page, name)
    page.mouse.click(point["x"], point["y"])
    page.wait_for_url(lambda url: "/views/region/" in url, timeout=15_000)
    assert unquote(page.url).split("/views/region/")[1] in region["names"] + [name]
    page.recorder.assert_clean()


def test_count_map_hover_lists_practices(page, server: str) -> None:  # noqa: F811
    import httpx

    counts = httpx.get(f"{server}/views/map?format=json", timeout=60).json()["county"]
    open_map(page, f"{server}/views/map")
    name = max(counts, key=lambda n: counts[n]["count"])
    point = point_in(page, name)
    page.mouse.move(point["x"], point["y"], steps=3)
    tip = page.locator("#ukg-map-tip")
    tip.wait_for(state="visible", timeout=5_000)
    assert name in tip.inner_text() and f"{counts[name]['count']} 项实践" in tip.inner_text()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "map-practices-per-county.png"), full_page=True)
    page.recorder.assert_clean()


def test_rendered_map_works_from_disk_offline(browser, built_graph, tmp_path: Path) -> None:  # noqa: F811
    out = tmp_path / "map.html"
    result = subprocess.run(
        [sys.executable, "-m", "ukg", "render", "map", PRACTICE, "--out", str(out)],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    context = browser.new_context(viewport={"width": 1200, "height": 1000}, offline=True)
    recorder = Recorder(context, allow_file=True)
    tab = context.new_page()
    recorder.watch(tab)
    try:
        open_map(tab, out.as_uri())
        assert int(tab.locator("#ukg-map").get_attribute("data-shown")) > 0
        assert all(url.startswith("file://") for url in recorder.requests), recorder.requests
        recorder.assert_clean()
    finally:
        context.close()
