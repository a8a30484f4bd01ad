"""The whole curation flow in headless Chromium, across a rebuild and a revert (issue 16's acceptance).

With one token a researcher, only through the pages, rejects an edge and fixes a year on the review
page, adds an ADOPTS edge with a quote on an entity view (a quote not in the document is refused with
the API's 422 detail) and merges one union into another there. `build_graph(CORPUS, reset=True)`
then applies the log: the API (`/entities/{key}`, `/practices/{id}/adopters`), the view JSON and the
review page all show the four, and `GET /curation` lists them with author and time. The year fix is
reverted with the review page's button and the rejection through `DELETE /curation/{id}`; the next
build restores both edges as extracted while the merge and the added edge stay.

Targets are found through the API, as tests/integration/test_curation.py does. Two builds, then the
log and the tokens file are removed and the plain corpus graph is rebuilt for the tests after this.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote, urlsplit

import httpx
import pytest
from rdflib import RDF, Graph, Namespace, URIRef
from typer.testing import CliRunner

from api.graph_version import DEFAULT_TTL
from ontology.model import INST, get_ontology
from tests.browser.test_browser import LOCAL_HOSTS, SCREENSHOTS, browser, page, server
from tests.browser.test_review import api, author, outcome
from tests.support.paths import CORPUS
from ukg.build import build_graph
from ukg.cli import app

# Fixtures by name, as tests/browser/test_review.py takes them (a skip there without Chromium skips here).
SHARED_FIXTURES = (api, author, browser, page, server)

pytestmark = pytest.mark.integration
PROV = Namespace("http://www.w3.org/ns/prov#")

# The one 4xx the pages fetch on purpose (the add-edge with a quote that is not in the document);
# Chromium logs it as a console error.
EXPECTED_ERRORS = [
    "console.error: Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)",
]


@pytest.fixture()
def curator(author: tuple[str, str]) -> Iterator[tuple[str, str]]:
    """test_review's author (a token; afterwards no log, no tokens), and afterwards the corpus graph
    without corrections again."""
    try:
        yield author
    finally:
        build_graph(CORPUS, reset=True)


def rebuild(reset: bool) -> None:
    """A build, then a wait past the response cache's version check (it reads the version once a second)."""
    build_graph(CORPUS, reset=reset)
    time.sleep(DEFAULT_TTL + 0.2)


def path(key: str) -> str:
    return quote(key, safe="/")


def out_edges(api: httpx.Client, server: str, key: str, rel_type: str) -> dict[str, dict]:
    """The entity's outgoing edges of one type by tail key, as `/entities/{key}` lists them."""
    found = api.get(f"{server}/entities/{path(key)}").json()["relationships"]
    return {r["neighbour"]["key"]: r for r in found if r["type"] == rel_type and r["direction"] == "out"}


def adopters(api: httpx.Client, server: str, practice: str) -> set[str]:
    return {a["key"] for a in api.get(f"{server}/practices/{practice}/adopters").json()["items"]}


def wait_status(tab, selector: str, status: str) -> None:
    tab.wait_for_function(
        "([selector, status]) => document.querySelector(selector).dataset.status === status",
        arg=[selector, status],
        timeout=15_000,
    )


def assert_rdf_holds_the_four(
    rejected: dict, dated: dict, new_year: int, merged_away: str, cited: str, practice_key: str, tmp: Path
) -> None:
    """`ukg validate` conforms, and `ukg export` has the added edge, not the rejected one, the new
    year on the re-dated edge's assertion, no merged-away entity, and one PROV activity per correction."""
    out = tmp / "export.nt"
    exported = CliRunner().invoke(app, ["export", "--format", "nt", "--corpus", str(CORPUS), "--out", str(out)])
    checked = CliRunner().invoke(app, ["validate", str(out)])
    assert exported.exit_code == 0 and checked.exit_code == 0 and "conforms" in checked.output, checked.output
    rdf = Graph().parse(out, format="nt")
    ont = get_ontology()

    def iri(key: str) -> URIRef:
        if key.startswith(("practice/", "program/")):
            scheme, _, ident = key.partition("/")
            return (ont.practice if scheme == "practice" else ont.program)(ident).iri
        kind, _, name = key.partition("/")
        return INST[f"{kind}/{quote(name, safe='')}"]

    assert not set(rdf.objects(iri(rejected["head"]["key"]), None)) & {iri(practice_key)}
    assert iri(practice_key) in set(rdf.objects(iri(cited), None))
    assert (iri(merged_away), None, None) not in rdf
    statements = set(rdf.subjects(RDF.subject, iri(dated["head"]["key"]))) & set(
        rdf.subjects(RDF.object, iri(dated["tail"]["key"]))
    )
    years = {str(o) for s in statements for p, o in rdf.predicate_objects(s) if str(p).endswith("year")}
    assert years == {str(new_year)}
    assert len(set(rdf.subjects(RDF.type, PROV.Activity))) == 4


def test_four_corrections_through_the_pages_survive_a_rebuild_and_reverts_restore(
    page, server: str, api: httpx.Client, curator: tuple[str, str], tmp_path: Path
) -> None:
    name, token = curator
    started = datetime.now(UTC).replace(microsecond=0)

    # Targets, through the API: the least certain ADOPTS edge to reject; another one, of another
    # union and practice, to re-date; two unions without practices to merge; a union that does not
    # adopt the rejected edge's practice to cite as adopting it, with a quote from its own evidence.
    review = f"{server}/views/review?type=ADOPTS&limit=50"
    rows = api.get(review, params={"format": "json"}).json()["rows"]
    rejected = rows[0]
    practice_key = rejected["tail"]["key"]
    practice = practice_key.split("/", 1)[1]
    dated = next(r for r in rows if r["head"]["key"] != rejected["head"]["key"] and r["tail"]["key"] != practice_key)
    new_year = 2011 if dated["year"] != 2011 else 2012
    adopting = adopters(api, server, practice)
    unions = api.get(f"{server}/organizations?label=UnionOrganization&limit=1000&evidence=all").json()["items"]
    taken = adopting | {rejected["head"]["key"], dated["head"]["key"]}
    merged_away, kept = [u for u in unions if u["key"] not in taken and not u["practices"]][:2]
    taken |= {merged_away["key"], kept["key"]}
    cited = next(u for u in unions if u["key"] not in taken)["key"]
    evidence = api.get(f"{server}/entities/{path(cited)}").json()["evidence"][0]
    raw = (CORPUS / f"{evidence['docId']}.txt").read_text(encoding="utf-8")
    quoted = raw[evidence["rawStart"] : evidence["rawEnd"]]
    assert quoted.strip() and cited not in adopting

    # Review page: the token once, then reject one edge and fix the year of another.
    page.goto(review)
    page.locator("#ukg-token-input").fill(token)
    page.locator("#ukg-token-use").click()
    reject_row = page.locator(f'#ukg-review tr[data-key="{rejected["key"]}"]')
    reject_row.locator("button[data-kind=reject-edge]").click()
    assert outcome(page, reject_row)["status"] == "201"
    year_row = page.locator(f'#ukg-review tr[data-key="{dated["key"]}"]')
    year_row.locator("input.ukg-year").fill(str(new_year))
    year_row.locator("button[data-kind=set-year]").click()
    assert outcome(page, year_row)["text"].startswith(f"年份改为 · year set to {new_year}")

    # Entity view of the cited union: add the edge; a quote not in the document is refused first.
    page.goto(f"{server}/views/entity/{path(cited)}")
    page.locator("#ukg-curate summary").click()
    assert page.locator("#ukg-token-state").get_attribute("data-set") == "true"  # same tab, same token
    page.locator("#ukg-add-type").select_option("ADOPTS")
    assert page.locator("#ukg-add-tail").get_attribute("placeholder") == "practice/…"
    page.locator("#ukg-add-tail").fill(practice_key)
    page.locator("#ukg-add-doc").fill(evidence["docId"])
    page.locator("#ukg-add-reason").fill("the article says so")
    page.locator("#ukg-add-quote").fill(quoted + "——并非原文")
    page.locator("#ukg-add").click()
    wait_status(page, "#ukg-curate-outcome", "422")
    assert "not found verbatim" in page.locator("#ukg-curate-outcome").inner_text()
    page.locator("#ukg-add-quote").fill(quoted)
    page.locator("#ukg-add").click()
    wait_status(page, "#ukg-curate-outcome", "201")
    assert page.locator("#ukg-curate-outcome").inner_text().startswith(f"已添加 · added ADOPTS → {practice_key}")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "entity-add-edge.png"))

    # Entity view of one spare union: merge it into the other.
    page.goto(f"{server}/views/entity/{path(merged_away['key'])}")
    page.locator("#ukg-curate summary").click()
    page.locator("#ukg-merge-into").fill(kept["key"])
    page.locator("#ukg-merge").click()
    wait_status(page, "#ukg-curate-outcome", "201")

    log = api.get(f"{server}/curation").json()["items"]
    made = {item["kind"]: item for item in log}
    assert sorted(made) == ["add-edge", "merge-entities", "reject-edge", "set-year"] and len(log) == 4
    assert made["add-edge"]["quote"] == quoted.strip() and made["add-edge"]["reason"] == "the article says so"
    assert made["merge-entities"]["entity"] == merged_away["key"] and made["merge-entities"]["into"] == kept["key"]
    for item in log:
        assert item["author"] == name and started <= datetime.fromisoformat(item["time"]) <= datetime.now(UTC)

    rebuild(reset=True)
    # The API shows all four.
    assert rejected["head"]["key"] not in adopters(api, server, practice)
    assert practice_key not in out_edges(api, server, rejected["head"]["key"], "ADOPTS")
    fixed = out_edges(api, server, dated["head"]["key"], "ADOPTS")[dated["tail"]["key"]]["properties"]
    assert (fixed["year"], fixed["status"]) == (new_year, "corrected")
    assert api.get(f"{server}/entities/{path(merged_away['key'])}").status_code == 404
    assert merged_away["name"] in api.get(f"{server}/entities/{path(kept['key'])}").json()["entity"]["aliases"]
    added = out_edges(api, server, cited, "ADOPTS")[practice_key]
    assert added["properties"]["status"] == "added" and added["evidence"][0]["quote"] == quoted.strip()
    assert cited in adopters(api, server, practice)
    # So do the views.
    drawn = {n["key"] for n in api.get(f"{server}/views/practice/{practice}?format=json").json()["nodes"]}
    assert cited in drawn and rejected["head"]["key"] not in drawn
    kept_view = api.get(f"{server}/views/entity/{path(kept['key'])}?format=json").json()
    assert merged_away["name"] in next(n for n in kept_view["nodes"] if n["focus"])["aliases"]
    assert api.get(f"{server}/views/entity/{path(merged_away['key'])}?format=json").status_code == 404
    cited_view = api.get(f"{server}/views/entity/{path(cited)}?format=json").json()
    assert any((e["source"], e["type"], e["target"]) == (cited, "ADOPTS", practice_key) for e in cited_view["edges"])
    shown = api.get(review, params={"format": "json", "status": "added"}).json()["rows"]
    assert [(r["head"]["key"], r["tail"]["key"]) for r in shown] == [(cited, practice_key)]
    hidden = api.get(f"{server}/views/entity/{path(rejected['head']['key'])}?format=json").json()["edges"]
    shown_too = api.get(f"{server}/views/entity/{path(rejected['head']['key'])}?format=json&include_rejected=true")
    grey = [(e["source"], e["target"]) for e in shown_too.json()["edges"] if e["rejected"]]
    assert grey == [(rejected["head"]["key"], practice_key)] and not any(e["rejected"] for e in hidden)
    # So do the RDF export and `ukg validate` (both extract the corpus and apply the same log).
    assert_rdf_holds_the_four(rejected, dated, new_year, merged_away["key"], cited, practice_key, tmp_path)

    # Revert the year fix with the review page's button, the rejection through the API.
    page.goto(f"{review}&status=corrected")
    corrected = page.locator(f'#ukg-review tr[data-key="{dated["key"]}"]')
    assert corrected.get_attribute("data-status") == "corrected"
    assert corrected.locator("td.ukg-num").nth(1).inner_text() == str(new_year)
    logged = corrected.locator(f'.ukg-logged-item[data-id="{made["set-year"]["id"]}"]')
    logged.wait_for(timeout=15_000)
    assert name in logged.inner_text()
    logged.locator("button.ukg-revert").click()
    assert outcome(page, corrected)["text"].startswith("已撤销 · reverted " + made["set-year"]["id"])
    page.screenshot(path=str(SCREENSHOTS / "review-revert.png"), full_page=True)
    undone = api.delete(f"{server}/curation/{made['reject-edge']['id']}", headers={"Authorization": f"Bearer {token}"})
    assert undone.status_code == 200 and undone.json()["author"] == name
    states = {item["id"]: item["inForce"] for item in api.get(f"{server}/curation").json()["items"]}
    assert [states[made[kind]["id"]] for kind in ("reject-edge", "set-year", "add-edge", "merge-entities")] == [
        False,
        False,
        True,
        True,
    ]

    rebuild(reset=False)
    assert rejected["head"]["key"] in adopters(api, server, practice)
    back = out_edges(api, server, rejected["head"]["key"], "ADOPTS")[practice_key]["properties"]
    restored = out_edges(api, server, dated["head"]["key"], "ADOPTS")[dated["tail"]["key"]]["properties"]
    assert (back["status"], restored["status"], restored.get("year")) == ("extracted", "extracted", dated["year"])
    assert out_edges(api, server, cited, "ADOPTS")[practice_key]["properties"]["status"] == "added"
    assert api.get(f"{server}/entities/{path(merged_away['key'])}").status_code == 404

    assert page.recorder.errors == EXPECTED_ERRORS
    assert not page.recorder.blocked, page.recorder.blocked
    assert all(urlsplit(url).hostname in LOCAL_HOSTS for url in page.recorder.requests)
