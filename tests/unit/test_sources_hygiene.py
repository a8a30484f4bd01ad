"""Corpus hygiene: UTF-16 files are read, things that are not documents are named and skipped
(never opened: a FIFO would block), and repeated content loads once."""

from __future__ import annotations

import logging
import os
import socket
from pathlib import Path

import pytest

from graph_loader.errors import InputError
from graph_loader.text.sources import load_corpus, load_document

TEXT = "青禾县白鹭镇总工会 建成职工书屋\n2021年，青禾县白鹭镇总工会建成职工书屋3家。\n"
LATIN_TEXT = "Union report 2021: 青禾县总工会 opened 3 libraries.\n"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [TEXT, LATIN_TEXT])
def test_utf16_with_or_without_bom_is_decoded(tmp_path: Path, encoding: str, text: str) -> None:
    """`utf-16` writes a BOM; the -le/-be codecs write none (Chinese-only text then has no NULs)."""
    path = tmp_path / "doc.txt"
    path.write_bytes(text.encode(encoding))
    document = load_document(path)
    assert document.raw_text == text
    assert document.encoding.startswith("utf-16")


def test_gbk_text_is_still_gb18030_not_utf16(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(TEXT.encode("gbk"))
    document = load_document(path)
    assert (document.raw_text, document.encoding) == (TEXT, "gb18030")


def test_a_fifo_given_as_corpus_is_named_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match=r"pipe\.txt: not a regular file \(a FIFO"):
        load_corpus(fifo)


def test_a_symlink_loop_is_named_as_such(tmp_path: Path) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    with pytest.raises(InputError, match="loop: symlink loop"):
        load_corpus(loop)


def test_odd_entries_of_a_folder_are_skipped_by_name(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(tmp_path / "sock.txt"))
    try:
        with caplog.at_level(logging.WARNING):
            documents = load_corpus(tmp_path)
    finally:
        server.close()
    assert [d.id for d in documents] == ["good"]
    log = caplog.text
    assert "pipe.txt: not a regular file (a FIFO" in log
    assert "loop.txt: symlink loop" in log
    assert "gone.txt: broken symlink" in log
    assert "sock.txt: not a regular file (a socket)" in log


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file_is_skipped_by_name(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text(TEXT + "乙", encoding="utf-8")
    secret.chmod(0)
    with caplog.at_level(logging.WARNING):
        documents = load_corpus(tmp_path)
    assert [d.id for d in documents] == ["good"]
    assert "secret.txt: cannot read (permission denied)" in caplog.text


def test_identical_content_under_two_names_loads_once(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(TEXT, encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        documents = load_corpus(tmp_path)
    assert [d.id for d in documents] == ["a"]
    assert "b.txt: same content as" in caplog.text and "a.txt" in caplog.text
