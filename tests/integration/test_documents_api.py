"""Uploads through the API (issue 17 item 2): POST /documents, GET /jobs/{id}, DELETE /documents/{id}.

The app's corpus folder is a temporary copy of the shared corpus (never the shared folder itself),
so a build of it finds the session graph's five documents unchanged and loads only the upload: the
test checks that through the job's `loaded` list as well as through `/organizations`. The uploaded
text is an invented report about a union that no corpus document names (竹编小镇), so its facts
appear with the upload and are gone after the delete. The delete's build writes the other documents
again (the writer's mirror), which leaves the session graph as the corpus built it.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.jobs import BuildResult
from api.jobs import Progress as JobProgress
from graph_loader.curation.tokens import TokenStore
from graph_loader.text.sources import read_manifest
from tests.support.uploads import corpus_copy, restore
from ukg.build import build_for_jobs

pytestmark = pytest.mark.integration

INVENTED = """衢州市龙游县竹编小镇联合工会 让竹编工匠有了“娘家”

2021年3月，在龙游县总工会的指导下，龙游县竹编小镇联合工会正式成立，覆盖小镇内竹编企业42家、职工1600余人。\
联合工会主席由小镇管委会副主任徐文华兼任。

联合工会在小镇客厅设立“工匠学堂”，邀请竹编技艺传承人定期开展编织技能培训，全年培训职工800余人次。
"""
UNION = "竹编小镇"  # a substring of the invented union's name, in no corpus document


@pytest.fixture()
def corpus(tmp_path: Path) -> Iterator[Path]:
    folder = corpus_copy(tmp_path / "corpus")
    yield folder
    assert restore(folder) == []  # a test that stopped before its delete: its upload is taken out again


@pytest.fixture()
def tokens() -> Iterator[dict[str, str]]:
    """Authorization headers: a valid token and a revoked one; the tokens file is restored afterwards."""
    store = TokenStore()
    before = store.path.read_bytes() if store.path.exists() else None
    valid, revoked = store.create("uploader"), store.create("former-uploader")
    store.revoke("former-uploader")
    try:
        yield {"valid": f"Bearer {valid}", "revoked": f"Bearer {revoked}"}
    finally:
        if before is None:
            store.path.unlink(missing_ok=True)
        else:
            store.path.write_bytes(before)


def upload(client: TestClient, token: str | None, name: str, data: bytes, **form: str):
    headers = {"Authorization": token} if token else {}
    return client.post("/documents", headers=headers, files={"file": (name, data)}, data=form)


def test_uploads_are_refused_with_the_reason(built_graph, corpus: Path, tokens: dict[str, str]) -> None:
    calls: list[Path] = []
    app = create_app(builder=lambda folder, _: calls.append(folder) or BuildResult(), corpus=corpus)
    before = sorted(p.name for p in corpus.iterdir())
    with TestClient(app) as client:
        text = INVENTED.encode()
        assert upload(client, None, "r.txt", text).status_code == 401
        refused = upload(client, tokens["revoked"], "r.txt", text)
        assert refused.status_code == 403 and "revoked" in refused.json()["detail"]
        for name, data in (("r.docx", text), ("r.pdf", text), ("r.txt", b"\x00\x01" * 100)):
            wrong = upload(client, tokens["valid"], name, data)
            assert wrong.status_code == 415, name
            assert wrong.json()["detail"].startswith("file: ")
        bad_date = upload(client, tokens["valid"], "r.txt", text, date="2021-13-01")
        assert bad_date.status_code == 422 and bad_date.json()["detail"].startswith("date: ")
        # The same bytes as a corpus document under another name: 409 naming it, nothing stored.
        existing = sorted(corpus.glob("*.txt"))[0]
        twin = upload(client, tokens["valid"], "renamed.txt", existing.read_bytes())
        assert twin.status_code == 409
        assert twin.json() | {"detail": ""} == {
            "error": "duplicate",
            "detail": "",
            "document": existing.stem,
            "file": existing.name,
        }
        assert (
            client.delete("/documents/no-such-document", headers={"Authorization": tokens["valid"]}).status_code == 404
        )
        assert client.get("/jobs/no-such-job").status_code == 404
    assert sorted(p.name for p in corpus.iterdir()) == before and calls == []
    small = create_app(
        builder=lambda folder, _: calls.append(folder) or BuildResult(), corpus=corpus, upload_max_bytes=4096
    )
    with TestClient(small) as client:
        too_big = upload(client, tokens["valid"], "r.txt", "工会".encode() * 1366)  # 4,098 bytes
        assert too_big.status_code == 413 and too_big.json() == {
            "error": "payload_too_large",
            "detail": "file: uploads are limited to 4096 bytes",
        }
        assert upload(client, tokens["valid"], "r.txt", b"x" * 200_000).status_code == 413  # refused unread
    assert sorted(p.name for p in corpus.iterdir()) == before and calls == []
    with TestClient(create_app(corpus=corpus)) as client:  # no builder (ukg serve --workers N): 501, nothing stored
        assert upload(client, tokens["valid"], "r.txt", INVENTED.encode()).status_code == 501


def wait_for(client: TestClient, job: dict, seen: list[int]) -> dict:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        current = client.get(job["url"]).json()
        seen.append(current["progress"])
        if current["state"] in ("done", "failed"):
            return current
        time.sleep(0.1)
    raise AssertionError(f"job {job['id']} did not finish: {current}")


def organizations(client: TestClient) -> list[str]:
    return [item["name"] for item in client.get("/organizations", params={"name": UNION}).json()["items"]]


def eventually(check, timeout: float = 5.0):
    """The response cache notices a build within a second (api.graph_version): retry that long."""
    deadline = time.monotonic() + timeout
    while not check() and time.monotonic() < deadline:
        time.sleep(0.2)
    return check()


def test_upload_builds_only_the_new_document_and_delete_removes_its_facts(
    built_graph, corpus: Path, tokens: dict[str, str]
) -> None:
    reported: list[tuple[int, str]] = []

    def builder(folder: Path, progress: JobProgress) -> BuildResult:
        return build_for_jobs(
            folder, lambda percent, stage: (reported.append((percent, stage)), progress(percent, stage))
        )

    writer = {"Authorization": tokens["valid"]}
    with TestClient(create_app(builder=builder, corpus=corpus)) as client:
        assert organizations(client) == []
        accepted = upload(
            client,
            tokens["valid"],
            "竹编 小镇.txt",
            INVENTED.encode(),
            date="2021-03",
            kind="report",
            publication="龙游工运",
        )
        assert accepted.status_code == 201, accepted.text
        doc, job = accepted.json()["document"], accepted.json()["job"]
        assert doc["id"] == "竹编-小镇" and (corpus / "竹编-小镇.txt").read_text(encoding="utf-8") == INVENTED
        entry = read_manifest(corpus)["竹编-小镇"]
        assert (entry["file"], entry["date"], entry["kind"], entry["publication"], entry["uploaded_by"]) == (
            "竹编-小镇.txt",
            "2021-03",
            "report",
            "龙游工运",
            "uploader",
        )
        polled: list[int] = []
        done = wait_for(client, job, polled)
        assert done["state"] == "done", done["error"]
        assert done["progress"] == 100 and polled == sorted(polled)  # never backwards, as polled
        assert done["loaded"] == ["竹编-小镇"]  # incremental: the five corpus documents were unchanged
        percents = [percent for percent, _ in reported]
        assert percents == sorted(percents) and percents[-1] == 99 and len(set(percents)) >= 5
        assert {stage for _, stage in reported} == {
            "extracting documents",
            "schema and concepts",
            "loading documents",
            "RDF store",
        }
        assert eventually(lambda: "龙游县竹编小镇联合工会" in organizations(client)), organizations(client)
        assert client.get("/jobs").json()["items"][0]["id"] == job["id"]

        again = upload(client, tokens["valid"], "copy.txt", INVENTED.encode())
        assert again.status_code == 409 and again.json()["document"] == "竹编-小镇"

        gone = client.delete(f"/documents/{doc['id']}", headers=writer)
        assert gone.status_code == 200 and not (corpus / "竹编-小镇.txt").exists()
        finished = wait_for(client, gone.json()["job"], [])
        assert finished["state"] == "done" and finished["removed"] == ["竹编-小镇"], finished
        assert "竹编-小镇" not in read_manifest(corpus) and len(read_manifest(corpus)) == 10  # 5 documents, id + file
        assert eventually(lambda: organizations(client) == []), organizations(client)
