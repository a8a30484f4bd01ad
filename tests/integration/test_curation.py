"""Corrections through the API survive `ukg build --reset`; a revert restores the extracted state;
a correction whose target left the corpus is a conflict and stays in the log; writes need a token."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from rdflib import RDF, Namespace

from api.app import create_app
from graph_loader.curation.log import CurationLog
from graph_loader.curation.tokens import TokenStore
from tests.support.paths import CORPUS
from ukg.build import build_graph
from ukg.commands.rdf import _graph_from_corpus

pytestmark = pytest.mark.integration

SCHOOL = "practice/craftsman-school"


@pytest.fixture(scope="module")
def client(built_graph) -> Iterator[TestClient]:
    log, tokens = CurationLog(), TokenStore()
    with TestClient(create_app(cache_ttl=0)) as test_client:
        yield test_client
    log.path.unlink(missing_ok=True)
    tokens.path.unlink(missing_ok=True)
    build_graph(CORPUS, reset=True)  # the session's graph again, without corrections


@pytest.fixture(scope="module")
def token(client: TestClient) -> str:
    return TokenStore().create("tester")


def entity(client: TestClient, key: str) -> dict:
    return client.get(f"/entities/{quote(key, safe='/')}").json()


def edges_of(client: TestClient, key: str, rel_type: str) -> dict[str, dict]:
    found = entity(client, key)["relationships"]
    return {r["neighbour"]["key"]: r for r in found if r["type"] == rel_type and r["direction"] == "out"}


def test_writes_need_a_valid_token(client: TestClient, token: str) -> None:
    body = {"kind": "not-an-entity", "entity": "person/nobody"}
    assert client.post("/curation", json=body).status_code == 401
    wrong = client.post("/curation", json=body, headers={"Authorization": "Bearer ukg_wrong"})
    assert wrong.status_code == 401 and wrong.json()["error"] == "unauthorized"
    store = TokenStore()
    revoked = store.create("leaver")
    store.revoke("leaver")
    refused = client.post("/curation", json=body, headers={"Authorization": f"Bearer {revoked}"})
    assert refused.status_code == 403 and refused.json()["error"] == "forbidden"
    assert client.delete("/curation/x").status_code == 401
    assert client.get("/curation").json()["total"] == 0  # nothing refused was logged


def test_four_corrections_persist_through_a_reset_build_and_a_revert_restores(client: TestClient, token: str) -> None:
    auth = {"Authorization": f"Bearer {token}"}
    adopters = client.get("/practices/craftsman-school/adopters?evidence=all").json()["items"]
    rejected = adopters[0]["key"]
    unions = client.get("/organizations?label=UnionOrganization&limit=1000&evidence=all").json()["items"]
    dated = next(u for u in unions if u["practices"] and u["key"] != rejected)
    dated_practice = f"practice/{dated['practices'][0]['id']}"
    adopter_keys = {a["key"] for a in adopters}
    spare = [u for u in unions if u["key"] not in adopter_keys | {rejected, dated["key"]} and not u["practices"]]
    merged_away, kept = spare[0]["key"], spare[1]["key"]
    cited = next(u for u in unions if u["key"] not in adopter_keys | {rejected, dated["key"], merged_away, kept})
    evidence = entity(client, cited["key"])["evidence"][0]
    raw = (CORPUS / f"{evidence['docId']}.txt").read_text(encoding="utf-8")
    quoted = raw[evidence["rawStart"] : evidence["rawEnd"]]

    bodies = [
        {"kind": "reject-edge", "edge": {"head": rejected, "type": "ADOPTS", "tail": SCHOOL}, "reason": "a plan"},
        {"kind": "set-year", "edge": {"head": dated["key"], "type": "ADOPTS", "tail": dated_practice}, "year": 2011},
        {"kind": "merge-entities", "entity": merged_away, "into": kept},
        {
            "kind": "add-edge",
            "edge": {"head": cited["key"], "type": "ADOPTS", "tail": SCHOOL},
            "doc_id": evidence["docId"],
            "quote": quoted,
        },
    ]
    made = [client.post("/curation", json=body, headers=auth) for body in bodies]
    assert [answer.status_code for answer in made] == [201] * 4, [answer.text for answer in made]
    bad_quote = {**bodies[3], "quote": quoted + "——并非原文"}
    assert client.post("/curation", json=bad_quote, headers=auth).status_code == 422

    build_graph(CORPUS, reset=True)
    assert rejected not in {a["key"] for a in client.get("/practices/craftsman-school/adopters").json()["items"]}
    assert SCHOOL not in edges_of(client, rejected, "ADOPTS") and entity(client, rejected).get("rejected") is None
    shown = client.get(f"/entities/{quote(rejected, safe='/')}?include_rejected=true").json()["rejected"]
    assert [(r["edge"]["tail"], r["correction"]["reason"]) for r in shown] == [(SCHOOL, "a plan")]
    assert shown[0]["evidence"] and shown[0]["correction"]["author"] == "tester"
    year_fixed = edges_of(client, dated["key"], "ADOPTS")[dated_practice]["properties"]
    assert (year_fixed["year"], year_fixed["status"]) == (2011, "corrected")
    assert client.get(f"/entities/{quote(merged_away, safe='/')}").status_code == 404
    assert spare[0]["name"] in entity(client, kept)["entity"]["aliases"]
    added = edges_of(client, cited["key"], "ADOPTS")[SCHOOL]
    assert added["properties"]["status"] == "added" and added["evidence"][0]["quote"] == quoted
    practice_view = client.get("/views/practice/craftsman-school?format=json").json()
    drawn = {node["key"] for node in practice_view["nodes"]}
    assert rejected not in drawn and cited["key"] in drawn  # the views show what the API shows
    rdf = _graph_from_corpus(CORPUS)  # `ukg export` and `ukg validate`: extraction and the same log
    prov = Namespace("http://www.w3.org/ns/prov#")  # (SHACL validity with PROV: tests/unit/test_curation.py)
    assert len(set(rdf.subjects(RDF.type, prov.Activity))) == 4
    log = client.get("/curation?author=tester").json()
    assert log["total"] == 4 and all(item["author"] == "tester" and item["time"] for item in log["items"])
    assert client.get("/curation/conflicts").json() == []

    reverted = client.delete(f"/curation/{made[0].json()['id']}", headers=auth)
    assert reverted.status_code == 200 and reverted.json()["reverts"] == made[0].json()["id"]
    build_graph(CORPUS)
    assert rejected in {a["key"] for a in client.get("/practices/craftsman-school/adopters").json()["items"]}
    states = {item["kind"]: item["inForce"] for item in client.get("/curation").json()["items"]}
    assert states["reject-edge"] is False and states["revert"] is True


def test_a_correction_whose_document_left_the_corpus_is_a_conflict_and_stays_logged(
    client: TestClient, token: str, tmp_path: Path
) -> None:
    auth = {"Authorization": f"Bearer {token}"}
    adopters = client.get("/practices/craftsman-school/adopters?evidence=all").json()["items"]
    single = next(a for a in adopters if len({e["docId"] for e in a["evidence"]}) == 1)
    body = {"kind": "confirm-edge", "edge": {"head": single["key"], "type": "ADOPTS", "tail": SCHOOL}}
    confirmation = client.post("/curation", json=body, headers=auth).json()
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / f"{single['evidence'][0]['docId']}.txt").unlink()
    summary = build_graph(corpus)
    assert confirmation["id"] in {conflict.correction.id for conflict in summary.conflicts}
    listed = client.get("/curation/conflicts").json()
    assert any(c["correction"]["id"] == confirmation["id"] and "no edge" in c["reason"] for c in listed)
    assert confirmation["id"] in {item["id"] for item in client.get("/curation").json()["items"]}
