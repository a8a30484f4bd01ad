"""Decoding and corpus loading: encodings, manifest metadata and the files we refuse."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import pytest

from graph_loader.errors import InputError
from graph_loader.text.sources import load_corpus, load_document
from tests.support.paths import CORPUS, needs_corpus

# A real corpus line, used to build files in other encodings.
LINE = "杭州市萧山区信息港小镇工会联合会 “娘家人”关爱扎根“e港之家”\n特约记者 洪菡婷\n"


@needs_corpus
def test_load_corpus_reads_every_txt_sorted_with_manifest_metadata() -> None:
    documents = load_corpus(CORPUS)
    ids = [d.id for d in documents]
    assert ids == sorted(ids)
    assert "2018-zjgy-407-408" in ids and "2022-reform-projects" in ids
    magazine = next(d for d in documents if d.id == "2018-zjgy-407-408")
    assert magazine.kind == "magazine issue"
    assert magazine.date == "2018-12-10"
    assert magazine.publication.startswith("浙江工运")
    assert magazine.encoding == "utf-8"
    raw = (CORPUS / "2018-zjgy-407-408.txt").read_bytes()
    assert magazine.sha256 == hashlib.sha256(raw).hexdigest()
    assert magazine.raw_text == raw.decode("utf-8")


@needs_corpus
def test_load_document_alone_still_finds_the_manifest_beside_it() -> None:
    document = load_document(CORPUS / "2022-reform-projects.txt")
    assert document.date == "2022-09-20"
    assert document.kind == "newspaper page"


def test_missing_corpus_names_the_path(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    with pytest.raises(InputError, match=r"corpus not found: .*nowhere"):
        load_corpus(missing)


def test_directory_without_manifest_gives_empty_metadata(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text(LINE + "乙", encoding="utf-8")
    (tmp_path / "a.txt").write_text(LINE, encoding="utf-8")
    (tmp_path / "notes.md").write_text("not a corpus file", encoding="utf-8")
    documents = load_corpus(tmp_path)
    assert [d.id for d in documents] == ["a", "b"]
    assert documents[0].date == "" and documents[0].publication == ""


def test_utf8_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + LINE.encode("utf-8"))
    document = load_document(path, {})
    assert document.raw_text == LINE
    assert document.encoding == "utf-8-sig"
    assert document.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_gb18030_file(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes(LINE.encode("gb18030"))
    document = load_document(path, {})
    assert document.raw_text == LINE
    assert document.encoding == "gb18030"


def test_gbk_file_is_read_through_gb18030(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes("温州市瓯海区眼镜小镇联合工会".encode("gbk"))
    assert load_document(path, {}).raw_text == "温州市瓯海区眼镜小镇联合工会"


def test_undecodable_file_names_file_and_byte_offset(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_bytes("工会".encode() + b"\xff\xff\x80")
    with pytest.raises(InputError, match=r"broken\.txt.*byte offset 6"):
        load_document(path, {})


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(InputError, match=r"image\.txt.*binary file"):
        load_document(path, {})


def test_mostly_control_characters_is_binary(tmp_path: Path) -> None:
    path = tmp_path / "ctl.txt"
    path.write_bytes(bytes([1, 2, 3, 4, 5, 6, 7]) * 100)
    with pytest.raises(InputError, match="binary file"):
        load_document(path, {})


def test_empty_file_is_an_empty_document_and_skipped_by_load_corpus(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    (tmp_path / "full.txt").write_text(LINE, encoding="utf-8")
    document = load_document(empty, {})
    assert document.raw_text == "" and document.sha256 == hashlib.sha256(b"").hexdigest()
    with caplog.at_level(logging.WARNING, logger="graph_loader.text.sources"):
        documents = load_corpus(tmp_path)
    assert [d.id for d in documents] == ["full"]
    assert "empty.txt" in caplog.text


def test_single_file_path_is_a_corpus_of_one(tmp_path: Path) -> None:
    path = tmp_path / "one.txt"
    path.write_text(LINE, encoding="utf-8")
    assert [d.id for d in load_corpus(path)] == ["one"]


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        load_document(tmp_path / "gone.txt")


def test_malformed_manifest(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(LINE, encoding="utf-8")
    (tmp_path / "manifest.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="malformed manifest"):
        load_corpus(tmp_path)
