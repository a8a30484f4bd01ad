"""The corpus folder's upload rules (graph_loader.text.corpus_folder) and the build job queue (api.jobs),
without Neo4j: the builds here are stand-ins that record what they were asked."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.jobs import BuildResult, Job, JobQueue
from graph_loader.curation.tokens import TokenStore
from graph_loader.errors import InputError
from graph_loader.text.corpus_folder import (
    CorpusFolder,
    Metadata,
    UploadRefused,
    check_content,
    document_stem,
)
from graph_loader.text.sources import load_corpus, read_manifest

TEXT = "湖州市南浔区某某小镇联合工会成立。\n".encode()


def minimal_pdf(text: str) -> bytes:
    """A one-page PDF drawing `text` in Helvetica (a text layer, unlike a scan), xref and all."""
    stream = f"BT /F1 12 Tf 20 50 Td ({text}) Tj ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 100] /Contents 4 0 R"
        " /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    table = "".join(f"{offset:010d} 00000 n \n" for offset in offsets)
    trailer = f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{len(out)}\n%%EOF\n"
    return out + f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n{table}".encode() + trailer.encode()


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("../../etc/passwd.txt", "passwd"),
        ("C:\\Users\\amy\\2025 报告（一）.pdf", "2025-报告-一"),
        ("..hidden.txt", "hidden"),
        ("a/b/c d.e.txt", "c-d.e"),
        ("???.txt", ""),
    ],
)
def test_document_stem_keeps_no_path_and_no_odd_characters(name: str, stem: str) -> None:
    assert document_stem(name) == stem


def test_check_content_by_name_and_by_bytes() -> None:
    assert check_content("a.TXT", TEXT) == ".txt"
    assert check_content("a.txt", "工会改革".encode("gb18030")) == ".txt"  # as the build decodes it
    assert check_content("a.pdf", minimal_pdf("Union report")) == ".pdf"
    refusals = {
        ("a.doc", TEXT): 415,
        ("a", TEXT): 415,
        ("a.pdf", TEXT): 415,  # a text renamed .pdf
        ("a.txt", b"%PDF-1.4\n1 0 obj << >> endobj\n"): 415,  # a PDF renamed .txt (it would decode)
        ("a.txt", bytes(range(256)) * 8): 415,  # binary
        ("a.txt", b" \n\t "): 422,
        ("a.pdf", b"%PDF-1.7\n..."): 422,  # a PDF the build could not read
        ("a.pdf", minimal_pdf("")): 422,  # no text layer (what a scan gives)
    }
    for (name, data), status in refusals.items():
        with pytest.raises(UploadRefused) as caught:
            check_content(name, data)
        assert caught.value.status == status and caught.value.parameter == "file", name
        assert str(caught.value).startswith("file: ")


def test_add_stores_the_file_and_its_manifest_entry_beside_the_others(tmp_path: Path) -> None:
    (tmp_path / "old.txt").write_bytes("嘉兴市某某工会。".encode())
    about = {"about": "kept", "documents": [{"id": "old", "file": "old.txt", "date": "2020"}]}
    (tmp_path / "manifest.json").write_text(json.dumps(about, ensure_ascii=False), encoding="utf-8")
    folder = CorpusFolder(tmp_path)
    doc, new = folder.add("../报告.txt", TEXT, Metadata(" 浙江工运 ", "2025-03", "magazine issue"))
    assert new and doc.id == "报告" and doc.file == "报告.txt"
    assert (tmp_path / "报告.txt").read_bytes() == TEXT
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["about"] == "kept" and [e["id"] for e in manifest["documents"]] == ["old", "报告"]
    loaded = {d.id: d for d in load_corpus(tmp_path)}  # what the build will read
    assert (loaded["报告"].publication, loaded["报告"].date, loaded["报告"].kind) == (
        "浙江工运",
        "2025-03",
        "magazine issue",
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["manifest.json", "old.txt", "报告.txt"]  # no temp files

    same, new = folder.add("again.txt", TEXT)
    assert not new and same == doc
    other, new = folder.add("报告.txt", TEXT + "又一篇。".encode())
    assert new and other.id == "报告-2"
    with pytest.raises(UploadRefused, match="^date: "):
        folder.add("x.txt", b"abc", Metadata(date="2025-3-1"))
    assert not (tmp_path / "x.txt").exists()


def test_remove_takes_out_the_file_and_its_entry(tmp_path: Path) -> None:
    folder = CorpusFolder(tmp_path)
    doc, _ = folder.add("a.txt", TEXT)
    folder.add("b.txt", TEXT + b"b")
    assert folder.remove("a") == doc and folder.remove("a") is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.txt", "manifest.json"]
    assert set(read_manifest(tmp_path)) == {"b", "b.txt"}


def test_a_malformed_manifest_refuses_the_upload_and_keeps_nothing(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text('{"documents": 3}', encoding="utf-8")
    with pytest.raises(InputError, match="manifest"):
        CorpusFolder(tmp_path).add("a.txt", TEXT)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["manifest.json"]


def wait(queue: JobQueue, job: Job) -> Job:
    deadline = time.monotonic() + 10
    while (current := queue.get(job.id)) is not None and current.state in ("queued", "running"):
        assert time.monotonic() < deadline, current
        time.sleep(0.01)
    assert current is not None
    return current


def test_jobs_run_one_at_a_time_in_order_with_progress(tmp_path: Path) -> None:
    running, most, order = [0], [0], []
    lock = threading.Lock()

    def builder(corpus: Path, progress) -> BuildResult:
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        progress(-5, "start")
        progress(150, "beyond")  # clamped: 100 is only for a finished job
        time.sleep(0.05)
        order.append(corpus)
        with lock:
            running[0] -= 1
        return BuildResult(loaded=("a",))

    queue = JobQueue(builder, tmp_path)
    jobs = [queue.submit("upload", f"doc-{n}") for n in range(4)]
    assert [job.state for job in jobs] == ["queued"] * 4
    finished = [wait(queue, job) for job in jobs]
    assert [job.state for job in finished] == ["done"] * 4 and most[0] == 1
    assert all(job.progress == 100 and job.loaded == ("a",) and job.error is None for job in finished)
    assert [job.id for job in queue.recent()] == [job.id for job in reversed(jobs)]
    assert order == [tmp_path] * 4


def test_a_failed_build_or_check_fails_the_job_and_undoes_it(tmp_path: Path) -> None:
    undone: list[str] = []

    def broken(corpus: Path, progress) -> BuildResult:
        progress(40, "loading documents")
        raise InputError("scan.pdf: no text layer\n(scanned?)")

    queue = JobQueue(broken, tmp_path)
    failed = wait(queue, queue.submit("upload", "scan", undo=lambda: undone.append("scan")))
    assert (failed.state, failed.progress) == ("failed", 40)
    assert failed.error == "scan.pdf: no text layer (scanned?)" and undone == ["scan"]

    quiet = JobQueue(lambda corpus, progress: BuildResult(skipped=("other",)), tmp_path)
    unread = wait(quiet, quiet.submit("upload", "x", check=lambda result: "x was not read", undo=lambda: 1 / 0))
    assert unread.state == "failed" and unread.error.startswith("x was not read (and undoing it failed:")
    assert wait(quiet, quiet.submit("delete", "y")).state == "done"  # the worker goes on


def test_only_the_newest_jobs_are_kept(tmp_path: Path) -> None:
    queue = JobQueue(lambda corpus, progress: BuildResult(), tmp_path, kept=3)
    jobs = [wait(queue, queue.submit("delete", str(n))) for n in range(5)]
    assert [job.id for job in queue.recent()] == [job.id for job in reversed(jobs[2:])]
    assert queue.get(jobs[0].id) is None


def test_the_api_answers_a_folder_it_cannot_write_with_409(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text("[1,", encoding="utf-8")
    store = TokenStore()
    before = store.path.read_bytes() if store.path.exists() else None
    try:
        headers = {"Authorization": f"Bearer {store.create('unit-uploader')}"}
        app = create_app(builder=lambda corpus, progress: BuildResult(), corpus=tmp_path)
        with TestClient(app) as client:
            answer = client.post("/documents", headers=headers, files={"file": ("a.txt", TEXT)})
    finally:
        if before is None:
            store.path.unlink(missing_ok=True)
        else:
            store.path.write_bytes(before)
    assert answer.status_code == 409 and answer.json()["error"] == "corpus_error"
    assert "malformed manifest" in answer.json()["detail"] and not (tmp_path / "a.txt").exists()
