"""The views in a real browser (headless Chromium via Playwright): issue #7's acceptance checks.

Each view loads with zero console errors and no request leaving 127.0.0.1, the vis network
stabilises, it draws as many nodes as the API's JSON for the same request says, hovering a node shows
its evidence and clicking it opens that node's view. Screenshots go to out/screenshots/ (gitignored).
`ukg render`'s file is opened from disk with every non-file request blocked.

Needs /usr/bin/chromium (`make browser` installs it with fonts-noto-cjk) and the playwright package;
the browsers Playwright would download are not used.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pytest

from tests.support.live_server import serve
from tests.support.render import render_practice_file

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "out" / "screenshots"
LOCAL_HOSTS = {"127.0.0.1"}

if not Path(CHROMIUM).exists():
    pytest.skip(
        f"{CHROMIUM} is missing: run `make browser` (apt-get install chromium fonts-noto-cjk)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')"
)

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def server(built_graph) -> Iterator[str]:
    """The API served by uvicorn on a free loopback port in a background thread."""
    from api.app import create_app

    with serve(create_app()) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


class Recorder:
    """Console errors, page errors and every request a page makes; requests off 127.0.0.1 are aborted."""

    def __init__(self, context, allow_file: bool = False) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.blocked: list[str] = []
        self.allow_file = allow_file
        context.route("**/*", self._route)

    def _route(self, route) -> None:
        url = route.request.url
        parts = urlsplit(url)
        local = parts.scheme in {"http", "https"} and parts.hostname in LOCAL_HOSTS
        if local or parts.scheme == "data" or (self.allow_file and parts.scheme == "file"):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def watch(self, page) -> None:
        page.on("request", lambda request: self.requests.append(request.url))
        page.on(
            "console",
            lambda msg: (
                self.errors.append(f"console.{msg.type}: {msg.text}") if msg.type == "error" else None
            ),
        )
        page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))

    def assert_clean(self) -> None:
        assert not self.errors, self.errors
        assert not self.blocked, f"requests left 127.0.0.1: {self.blocked}"


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")
    recorder = Recorder(context)
    tab = context.new_page()
    recorder.watch(tab)
    tab.recorder = recorder
    yield tab
    context.close()


def open_view(tab, url: str) -> None:
    tab.goto(url)
    tab.wait_for_function("window.ukg && window.ukg.stabilized === true", timeout=60_000)
    assert tab.evaluate("document.body.dataset.stabilized") == "true"


def drawn_nodes(tab) -> int:
    return tab.evaluate("window.ukg.network.body.data.nodes.length")


def node_point(tab, key: str) -> dict | None:
    """The page coordinates of a node, if the node under that point is this node."""
    return tab.evaluate(
        """key => {
            const net = window.ukg.network;
            const canvasPos = net.getPositions([key])[key];
            const dom = net.canvasToDOM(canvasPos);
            const rect = document.getElementById('ukg-network').getBoundingClientRect();
            if (dom.x < 5 || dom.y < 5 || dom.x > rect.width - 5 || dom.y > rect.height - 5) { return null; }
            if (net.getNodeAt(dom) !== key) { return null; }
            return {x: rect.left + dom.x, y: rect.top + dom.y};
        }""",
        key,
    )


def evidence_of(node: dict, edges: list[dict]) -> str | None:
    """A quote the details panel shows for this node: its own evidence, else a relationship's."""
    if node["evidence"]:
        return node["evidence"][0]["quote"]
    for edge in edges:
        if node["key"] in (edge["source"], edge["target"]) and edge["evidence"]:
            return edge["evidence"][0]["quote"]
    return None


def hover_and_click(tab, server: str, data: dict, screenshot: Path | None = None) -> None:
    """Hover a node with evidence: the panel shows it; click it: its entity view opens."""
    candidates = [n for n in data["nodes"] if evidence_of(n, data["edges"])]
    assert candidates, "no node with evidence to hover"
    for candidate in sorted(candidates, key=lambda n: n["focus"]):
        point = node_point(tab, candidate["key"])
        if point:
            break
    else:
        pytest.fail("no node with evidence could be pointed at")
    quote_text = evidence_of(candidate, data["edges"])
    tab.mouse.move(point["x"] - 40, point["y"] - 40)
    tab.mouse.move(point["x"], point["y"], steps=4)
    panel = tab.locator("#ukg-details")
    tab.wait_for_function(
        "key => document.getElementById('ukg-details').dataset.key === key",
        arg=candidate["key"],
        timeout=10_000,
    )
    assert quote_text[:20] in panel.inner_text().replace("\n", " ")
    assert candidate["name"] in panel.inner_text()
    if screenshot:
        tab.wait_for_selector("div.vis-tooltip", state="visible", timeout=5_000)
        tab.screenshot(path=str(screenshot))
    tab.mouse.click(point["x"], point["y"])
    target = f"{server}/views/entity/{quote(candidate['key'], safe='/')}"
    tab.wait_for_url(lambda url: unquote(url) == unquote(target), timeout=15_000)
    open_view(tab, tab.url)
    assert tab.locator("#ukg-title").inner_text() == candidate["name"]


VIEWS = {
    "entity": "/views/entity/union-organization/湖州市南浔区善琏湖笔小镇工会联合会?depth=1",
    "practice": "/views/practice/craftsman-school",
    "region": "/views/region/湖州市",
    "query": "/views/query/organizations?practice=craftsman-school&label=UnionOrganization",
    "overview": "/views/overview?limit=60",
}


@pytest.mark.parametrize("view", list(VIEWS))
def test_view_in_chromium(page, server: str, view: str) -> None:
    import httpx

    path = VIEWS[view]
    data = httpx.get(server + path + ("&" if "?" in path else "?") + "format=json", timeout=60).json()
    assert data["drawn"] > 1
    open_view(page, server + path)
    assert drawn_nodes(page) == data["drawn"] == len(data["nodes"])
    assert page.locator("#ukg-count").get_attribute("data-drawn") == str(data["drawn"])
    assert page.locator("#ukg-legend").is_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{view}.png"))
    hover_and_click(page, server, data, SCREENSHOTS / f"{view}-hover.png")
    page.recorder.assert_clean()
    assert all(urlsplit(url).hostname in LOCAL_HOSTS for url in page.recorder.requests)


def test_large_view_says_so_and_draws_the_limit(page, server: str) -> None:
    path = "/views/entity/union-organization/浙江省总工会?depth=2&max_nodes=25"
    open_view(page, server + path)
    assert drawn_nodes(page) == 25
    banner = page.locator("#ukg-limit")
    assert banner.is_visible() and "超过上限" in banner.inner_text()
    assert page.locator("#ukg-filter input[name=types]").count() >= 1
    page.locator("#ukg-filter input[name=types][value=ADOPTS]").check()
    page.locator("#ukg-filter select[name=depth]").select_option("1")
    page.locator("#ukg-filter button[type=submit]").click()
    page.wait_for_url(lambda url: "types=ADOPTS" in url and "depth=1" in url)
    open_view(page, page.url)
    types = page.evaluate("window.ukg.edges.get().map(e => e.relType)")
    assert set(types) <= {"ADOPTS"}
    page.recorder.assert_clean()


def test_practice_toggle_includes_narrower_concepts(page, server: str) -> None:
    open_view(page, server + "/views/practice/skills")
    assert drawn_nodes(page) == 1 and page.locator("#ukg-message").is_visible()
    page.locator("#ukg-filter input[type=checkbox][name=expand]").check()  # submits the form
    page.wait_for_url(lambda url: "expand=true" in url)
    open_view(page, page.url)
    assert drawn_nodes(page) > 10
    page.recorder.assert_clean()


def test_empty_view_loads_cleanly(page, server: str) -> None:
    open_view(page, server + "/views/query/search?q=" + quote("没有这样的名字"))
    assert drawn_nodes(page) == 0
    assert page.locator("#ukg-nothing").is_visible()
    page.recorder.assert_clean()


def test_index_search_leads_to_an_entity_view(page, server: str) -> None:
    page.goto(server + "/views/")
    page.locator("#ukg-q").fill("湖笔小镇")
    first = page.locator("#ukg-results li a").first
    first.wait_for(timeout=15_000)
    name = first.inner_text()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "index.png"), full_page=True)
    first.click()
    page.wait_for_url(lambda url: "/views/entity/" in url)
    open_view(page, page.url)
    assert page.locator("#ukg-title").inner_text() == name
    page.recorder.assert_clean()


def test_rendered_file_works_from_disk_offline(browser, built_graph, tmp_path: Path) -> None:
    out = render_practice_file(tmp_path)
    context = browser.new_context(viewport={"width": 1400, "height": 900}, offline=True)
    recorder = Recorder(context, allow_file=True)
    tab = context.new_page()
    recorder.watch(tab)
    try:
        open_view(tab, out.as_uri())
        drawn = tab.evaluate("window.ukg.view.drawn")
        assert drawn > 1 and drawn_nodes(tab) == drawn
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(SCREENSHOTS / "rendered-file.png"))
        assert recorder.requests and all(url.startswith("file://") for url in recorder.requests), (
            recorder.requests
        )
        recorder.assert_clean()
    finally:
        context.close()
