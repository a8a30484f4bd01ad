"""The upload form of /views/ in headless Chromium (issue 17 item 2's acceptance): a researcher sets the
token, uploads a PDF, watches the progress bar reach 100 %, finds the new union in `/organizations`,
and a second upload of the same file is reported as a duplicate. No console error but the 409 itself,
no request leaving 127.0.0.1.

The PDF is printed by Chromium from an invented report (no corpus document names 缙云 or 烧饼); the
union's evidence carries the PDF page, and its entity view shows it ("p. 1").
"""

from __future__ import annotations

import html
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

import httpx
import pytest

from api.app import create_app
from graph_loader.curation.tokens import TokenStore
from tests.browser.test_browser import LOCAL_HOSTS, SCREENSHOTS, browser, node_point, open_view, page
from tests.support.live_server import serve
from tests.support.uploads import corpus_copy, restore
from ukg.build import build_for_jobs

SHARED_FIXTURES = (browser, page)  # found by name by pytest (see tests/browser/test_review.py)

pytestmark = pytest.mark.integration

REPORT = [
    "丽水市缙云县烧饼小镇工会联合会 烤出职工好日子",
    "2020年6月，在缙云县总工会的指导下，缙云县烧饼小镇工会联合会挂牌成立，覆盖小镇内烧饼店铺和食品企业65家、从业人员2100余人。",
    "工会联合会在小镇游客中心设立职工之家，开设“工匠学堂”，邀请缙云烧饼制作技艺传承人开展技能培训，全年培训从业人员900余人次。",
]
UNION = "缙云县烧饼小镇工会联合会"
CONFLICT = "console.error: Failed to load resource: the server responded with a status of 409 (Conflict)"


@pytest.fixture(scope="module")
def upload_server(built_graph, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The API with uploads, building a temporary copy of the corpus, on a free loopback port."""
    corpus = corpus_copy(tmp_path_factory.mktemp("upload") / "corpus")
    try:
        with serve(create_app(builder=build_for_jobs, corpus=corpus)) as url:
            yield url
    finally:
        assert restore(corpus) == []  # the test stopped before its delete: its upload is taken out again


@pytest.fixture()
def token() -> Iterator[str]:
    store = TokenStore()
    before = store.path.read_bytes() if store.path.exists() else None
    try:
        yield store.create("pdf-uploader")
    finally:
        if before is None:
            store.path.unlink(missing_ok=True)
        else:
            store.path.write_bytes(before)


def report_file(browser, folder: Path) -> Path:
    """The invented report as a PDF printed by Chromium."""
    out = folder / "缙云烧饼小镇.pdf"
    printer = browser.new_page()
    try:
        body = "".join(f"<p>{html.escape(block)}</p>" for block in REPORT)
        printer.set_content(f"<!doctype html><html><head><meta charset='utf-8'></head><body>{body}</body></html>")
        printer.pdf(path=str(out), format="A5")
    finally:
        printer.close()
    return out


def organizations(server: str) -> list[str]:
    answer = httpx.get(f"{server}/organizations", params={"name": "烧饼小镇"}, timeout=60).json()
    return [item["name"] for item in answer["items"]]


def test_upload_form_builds_the_pdf_and_refuses_it_twice(
    page, browser, upload_server: str, token: str, tmp_path: Path
) -> None:
    server = upload_server
    document = report_file(browser, tmp_path)
    assert organizations(server) == []
    page.goto(f"{server}/views/")
    page.locator("#ukg-token-input").fill(token)
    page.locator("#ukg-token-use").click()
    # Every percentage the bar shows, in order, as the page polls GET /jobs/{id}.
    page.evaluate(
        """() => { window.seen = [];
        new MutationObserver(() => window.seen.push(document.getElementById('ukg-upload-bar').value))
          .observe(document.getElementById('ukg-upload-percent'),
                   {childList: true, characterData: true, subtree: true}); }"""
    )
    page.locator("#ukg-upload-file").set_input_files(str(document))
    page.locator("#ukg-upload-date").fill("2020-06")
    page.locator("#ukg-upload-send").click()
    page.wait_for_function(
        "['done', 'error'].includes(document.getElementById('ukg-upload-outcome').dataset.outcome)", timeout=180_000
    )
    outcome = page.locator("#ukg-upload-outcome")
    assert outcome.get_attribute("data-outcome") == "done", outcome.inner_text()
    assert page.locator("#ukg-upload-percent").inner_text() == "100 %"
    assert page.evaluate("document.getElementById('ukg-upload-bar').value") == 100
    seen = page.evaluate("window.seen")
    assert seen == sorted(seen) and seen[-1] == 100 and len(set(seen)) >= 2, seen
    doc_id = document.stem
    assert doc_id in outcome.inner_text()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "upload-done.png"), full_page=True)

    deadline = time.monotonic() + 5  # the response cache notices a build within a second
    while UNION not in organizations(server) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert UNION in organizations(server)
    found = httpx.get(f"{server}/organizations", params={"name": UNION, "evidence": "all"}, timeout=60).json()
    union = next(item for item in found["items"] if item["name"] == UNION)
    pages = {ev.get("page") for practice in union["practices"] for ev in practice["evidence"]}
    assert union["practices"] and pages == {1}  # an A5 page holds the whole report
    view = page.context.new_page()  # the entity view's details panel names the page with the quote
    open_view(view, f"{server}/views/entity/{quote(union['key'], safe='/')}")
    point = node_point(view, union["key"])
    assert point, "the union's node is not on screen"
    view.mouse.move(point["x"] - 40, point["y"] - 40)
    view.mouse.move(point["x"], point["y"], steps=4)
    view.wait_for_function("key => document.getElementById('ukg-details').dataset.key === key", arg=union["key"])
    assert "· p. 1" in view.locator("#ukg-details").inner_text()
    view.close()

    page.locator("#ukg-upload-file").set_input_files(str(document))
    page.locator("#ukg-upload-send").click()
    page.wait_for_function("document.getElementById('ukg-upload-outcome').dataset.outcome === 'duplicate'")
    assert page.locator("#ukg-upload-outcome").get_attribute("data-status") == "409"
    assert doc_id in page.locator("#ukg-upload-outcome").inner_text()
    page.screenshot(path=str(SCREENSHOTS / "upload-duplicate.png"))

    assert page.recorder.errors == [CONFLICT]
    assert not page.recorder.blocked, page.recorder.blocked
    assert all(urlsplit(url).hostname in LOCAL_HOSTS for url in page.recorder.requests)

    # Leave the session graph as the corpus built it: delete the upload and wait for its build.
    headers = {"Authorization": f"Bearer {token}"}
    job = httpx.delete(f"{server}/documents/{doc_id}", headers=headers, timeout=60).json()["job"]
    deadline = time.monotonic() + 180
    while (state := httpx.get(server + job["url"], timeout=60).json())["state"] not in ("done", "failed"):
        assert time.monotonic() < deadline, state
        time.sleep(0.2)
    assert state["state"] == "done" and state["removed"] == [doc_id], state
