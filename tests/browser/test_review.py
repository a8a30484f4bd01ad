"""The review page in headless Chromium: a researcher enters a token, rejects one edge, accepts another
and fixes a year; `GET /curation` then lists the three with the token's author. Without a token the
page shows the API's 401 detail. The entity view's curate panel uses the same token (asked once per
tab) to rename. No console errors, no request leaving 127.0.0.1.

Nothing is built here: the corrections only go to the log, which is removed afterwards (with the
tokens file) so the rest of the session sees an empty log and an unchanged graph.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from urllib.parse import quote, urlsplit

import httpx
import pytest

from graph_loader.curation.log import CurationLog
from graph_loader.curation.tokens import TokenStore
from tests.browser.test_browser import LOCAL_HOSTS, SCREENSHOTS, browser, open_view, page, server

# The API on a free port, Chromium and a recorded tab, as tests/browser/test_browser.py sets them up:
# pytest finds fixtures by name in this module (a module-level skip there, without Chromium, skips here too).
SHARED_FIXTURES = (browser, page, server)

pytestmark = pytest.mark.integration

APPLIES = "applies at the next build"
# Chromium itself logs every 4xx answer a page fetched as a console error. The 401 of the tokenless
# attempt and the 422 of the merge without a target are behaviour under test: exactly those two lines
# are expected, nothing else.
EXPECTED_ERRORS = [
    "console.error: Failed to load resource: the server responded with a status of 401 (Unauthorized)",
    "console.error: Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)",
]


@pytest.fixture()
def api() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=60) as client:  # the first answers of a freshly started Neo4j are slow
        yield client


@pytest.fixture()
def author(server: str) -> Iterator[tuple[str, str]]:
    """(author name, token); afterwards the log and the tokens file are removed."""
    name = f"reviewer-{secrets.token_hex(3)}"
    store, log = TokenStore(), CurationLog()
    try:
        yield name, store.create(name)
    finally:
        log.path.unlink(missing_ok=True)
        store.path.unlink(missing_ok=True)


def outcome(tab, row) -> dict:
    """The row's outcome once the answer came: {status, outcome, text}."""
    box = row.locator(".ukg-outcome")
    tab.wait_for_function("box => box.dataset.outcome !== undefined", arg=box.element_handle(), timeout=15_000)
    return {
        "status": box.get_attribute("data-status"),
        "outcome": box.get_attribute("data-outcome"),
        "text": box.inner_text(),
    }


def test_review_page_records_reject_accept_and_year(
    page, server: str, api: httpx.Client, author: tuple[str, str]
) -> None:
    name, token = author
    data = api.get(f"{server}/views/review", params={"type": "ADOPTS", "limit": 5, "format": "json"}).json()
    assert data["total"] > 3 and all(row["dated"] for row in data["rows"])
    confidences = [row["confidence"] for row in data["rows"]]
    assert confidences == sorted(confidences)  # least certain first
    page.goto(f"{server}/views/review?type=ADOPTS&limit=5")
    rows = page.locator("#ukg-review tbody tr[data-key]")
    assert rows.count() == len(data["rows"])
    assert [rows.nth(i).get_attribute("data-key") for i in range(3)] == [row["key"] for row in data["rows"][:3]]
    first = rows.nth(0)
    assert first.locator("mark.ukg-head").count() >= 1 and first.locator("mark.ukg-tail").count() >= 1

    # No token yet: the request goes out bare and the row shows the API's own 401 detail.
    bare = api.post(
        f"{server}/curation",
        json={
            "kind": "reject-edge",
            "edge": {"head": data["rows"][0]["head"]["key"], "type": "ADOPTS", "tail": data["rows"][0]["tail"]["key"]},
        },
    )
    assert bare.status_code == 401
    first.locator("button[data-kind=reject-edge]").click()
    refused = outcome(page, first)
    assert refused["status"] == "401" and refused["outcome"] == "error"
    assert bare.json()["detail"] in refused["text"]
    assert api.get(f"{server}/curation").json()["total"] == 0

    page.locator("#ukg-token-input").fill(token)
    page.locator("#ukg-token-use").click()
    assert page.locator("#ukg-token-state").get_attribute("data-set") == "true"
    assert page.locator("#ukg-token-input").input_value() == ""  # kept in sessionStorage, not in the form

    first.locator("button[data-kind=reject-edge]").click()
    page.wait_for_function(
        "row => row.querySelector('.ukg-outcome').dataset.status === '201'", arg=first.element_handle(), timeout=15_000
    )
    assert outcome(page, first)["text"].startswith("已拒绝 · rejected — " + APPLIES)
    second = rows.nth(1)
    second.locator("button[data-kind=confirm-edge]").click()
    assert outcome(page, second) == {
        "status": "201",
        "outcome": "ok",
        "text": "已接受 · accepted — " + APPLIES + "（下次构建时生效）",
    }
    third = rows.nth(2)
    third.locator("input.ukg-year").fill("2016")
    third.locator("button[data-kind=set-year]").click()
    assert outcome(page, third)["text"].startswith("年份改为 · year set to 2016 — " + APPLIES)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "review.png"), full_page=True)

    log = api.get(f"{server}/curation").json()
    assert log["total"] == 3 and {item["author"] for item in log["items"]} == {name}
    made = {item["kind"]: item for item in log["items"]}
    for kind, row in zip(("reject-edge", "confirm-edge", "set-year"), data["rows"][:3], strict=True):
        assert made[kind]["edge"] == {"head": row["head"]["key"], "type": "ADOPTS", "tail": row["tail"]["key"]}
    assert made["set-year"]["year"] == 2016

    # Reloaded, the rows say what the log holds for them; the token is still set for this tab.
    page.reload()
    page.wait_for_function("document.querySelectorAll('.ukg-logged:not(:empty)').length === 3", timeout=15_000)
    assert name in rows.nth(0).locator(".ukg-logged").inner_text()
    assert page.locator("#ukg-token-state").get_attribute("data-set") == "true"

    # The entity view's curate panel: same client, same token, no second prompt.
    head = data["rows"][3]["head"]
    open_view(page, f"{server}/views/entity/{quote(head['key'], safe='/')}")
    page.locator("#ukg-curate summary").click()
    assert page.locator("#ukg-curate #ukg-token-state").get_attribute("data-set") == "true"
    page.locator("#ukg-rename-name").fill(head["name"] + "（改）")
    page.locator("#ukg-rename").click()
    page.wait_for_function("document.getElementById('ukg-curate-outcome').dataset.status === '201'", timeout=15_000)
    assert page.locator("#ukg-curate-outcome").inner_text().startswith("改名为 · renamed to " + head["name"])
    page.locator("#ukg-merge").click()  # no target given: the API's 422 detail is shown
    page.wait_for_function("document.getElementById('ukg-curate-outcome').dataset.status === '422'", timeout=15_000)
    assert "merge-entities needs into" in page.locator("#ukg-curate-outcome").inner_text()
    page.screenshot(path=str(SCREENSHOTS / "entity-curate.png"))
    renamed = api.get(f"{server}/curation", params={"kind": "rename-entity"}).json()["items"]
    assert [(item["entity"], item["author"]) for item in renamed] == [(head["key"], name)]

    assert page.recorder.errors == EXPECTED_ERRORS
    assert not page.recorder.blocked, page.recorder.blocked
    assert all(urlsplit(url).hostname in LOCAL_HOSTS for url in page.recorder.requests)
