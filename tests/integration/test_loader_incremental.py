"""Loader idempotence, crash safety and incremental updates on the real corpus (live Neo4j).

These tests empty the database; a finaliser rebuilds the corpus so later tests see it intact.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph_loader.neo4j.diagnostics import checksum
from tests.support.paths import CORPUS
from ukg.build import build_graph

pytestmark = pytest.mark.integration


@pytest.fixture()
def rebuilt_afterwards(built_graph):
    yield
    build_graph(CORPUS, reset=True)  # leave the session's graph as the other tests expect it


def _evidence_by_doc(driver) -> dict[str, set[tuple]]:
    records, _, _ = driver.execute_query(
        "MATCH (e:Evidence) RETURN e.docId AS doc, e.key AS key, e.quote AS quote, e.rawStart AS s, e.rawEnd AS t"
    )
    out: dict[str, set[tuple]] = {}
    for r in records:
        out.setdefault(r["doc"], set()).add((r["key"], r["quote"], r["s"], r["t"]))
    return out


def test_load_twice_gives_identical_checksum(rebuilt_afterwards, driver) -> None:
    before = checksum(driver)
    summary = build_graph(CORPUS)
    assert summary.report.loaded == () and len(summary.report.skipped) == 5
    assert checksum(driver) == before


def test_killed_load_rerun_equals_uninterrupted(rebuilt_afterwards, driver) -> None:
    build_graph(CORPUS, reset=True)
    reference = checksum(driver)
    build_graph(CORPUS, reset=True)
    driver.execute_query("MATCH (n) DETACH DELETE n")
    env = dict(os.environ, UKG_BATCH_SIZE="20")  # small transactions: many points to be killed at
    process = subprocess.Popen(
        [sys.executable, "-m", "ukg", "build", "--corpus", str(CORPUS)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    evidence = 0
    while time.monotonic() < deadline and process.poll() is None:
        records, _, _ = driver.execute_query("MATCH (e:Evidence) RETURN count(e) AS n")
        evidence = records[0]["n"]
        if evidence > 100:
            break
        time.sleep(0.02)
    assert process.poll() is None, "the load finished before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()
    records, _, _ = driver.execute_query("MATCH (d:SourceDocument) WHERE d.complete RETURN count(d) AS n")
    assert records[0]["n"] < 5, "the kill should have left at least one document incomplete"
    assert checksum(driver) != reference
    build_graph(CORPUS)
    assert checksum(driver) == reference


def test_changed_document_replaces_only_its_evidence(rebuilt_afterwards, driver, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    build_graph(corpus, reset=True)
    before = _evidence_by_doc(driver)
    changed = corpus / "2023-five-years-6.txt"
    text = changed.read_text(encoding="utf-8")
    cut = text.index("\n", len(text) // 2)
    changed.write_text(text[:cut] + "\n", encoding="utf-8")  # the second half of the document is gone
    summary = build_graph(corpus)
    assert summary.report.loaded == ("2023-five-years-6",)
    after = _evidence_by_doc(driver)
    for doc in before:
        if doc != "2023-five-years-6":
            assert after[doc] == before[doc], doc
    assert after["2023-five-years-6"] != before["2023-five-years-6"]
    assert after["2023-five-years-6"] < before["2023-five-years-6"] | after["2023-five-years-6"]
    incremental = checksum(driver)
    build_graph(corpus, reset=True)
    assert checksum(driver) == incremental, "incremental update differs from a fresh build"


def test_a_removed_file_leaves_the_graph_and_a_single_file_removes_nothing(
        rebuilt_afterwards, driver, tmp_path: Path) -> None:
    """`ukg build` mirrors the corpus folder: a document whose file is gone is removed with what
    only it supported, giving the same graph as a fresh build of the smaller folder."""
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    build_graph(corpus, reset=True)
    gone = "2023-five-years-6"
    paths = ("/organizations?limit=1000&evidence=none", "/practices", "/views/overview?format=json")
    with TestClient(create_app(cache_ttl=0)) as cached, TestClient(create_app(cache_bytes=0)) as uncached:
        before = [cached.get(path).json() for path in paths]
        assert [cached.get(path).headers["x-ukg-cache"] for path in paths] == ["hit"] * len(paths)
        (corpus / f"{gone}.txt").unlink()
        summary = build_graph(corpus)
        after = [cached.get(path) for path in paths]  # the build changed the graph's version
        assert [answer.headers["x-ukg-cache"] for answer in after] == ["miss"] * len(paths)
        assert [answer.json() for answer in after] == [uncached.get(path).json() for path in paths] != before
    assert summary.report.removed == (gone,)
    assert gone not in summary.report.loaded and len(summary.report.loaded) == 4  # the rest written again
    assert gone not in _evidence_by_doc(driver)
    records, _, _ = driver.execute_query("MATCH (d:SourceDocument {id: $id}) RETURN count(d) AS n", id=gone)
    assert records[0]["n"] == 0
    mirrored = checksum(driver)
    build_graph(corpus, reset=True)
    assert checksum(driver) == mirrored, "removing a document differs from a fresh build without it"
    kept = _evidence_by_doc(driver).keys()
    assert build_graph(corpus / "2022-reform-projects.txt").report.removed == ()
    assert _evidence_by_doc(driver).keys() == kept
