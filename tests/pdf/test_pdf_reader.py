"""The PDF reader on PDFs Chromium printed (tests/pdf/conftest.py): fake bold, two columns,
running header and page numbers, a scanned page, an encrypted and a damaged file.

Expected text comes from the source the PDF was printed from (tests/support/pdfgen.py), and the
page checks from pdfplumber's own de-duplicated page text, not from the reader under test.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pdfplumber
import pytest

from graph_loader.errors import InputError
from graph_loader.reference.charclass import RADICAL_CHAR
from graph_loader.text.pdf import read_pdf
from graph_loader.text.sources import load_document
from tests.support.pdfgen import RUNNING_HEADER, page_texts, paragraphs
from ukg.cli import main


def test_the_fake_bold_heading_really_draws_its_glyphs_twice(pdfs) -> None:
    with pdfplumber.open(pdfs.twin) as pdf:
        chars = pdf.pages[0].chars
    copies = [c for c in chars if c["text"] == "织"]  # only in the first heading
    assert len(copies) == 2
    assert 0 < abs(copies[0]["x0"] - copies[1]["x0"]) < 0.5 and abs(copies[0]["top"] - copies[1]["top"]) < 0.5


def test_the_text_is_the_source_text_paragraph_for_paragraph(pdfs) -> None:
    text = read_pdf(pdfs.twin.read_bytes(), str(pdfs.twin)).text
    assert text.split("\n\n") == paragraphs()


def test_headers_page_numbers_and_doubles_stay_out(pdfs) -> None:
    text = read_pdf(pdfs.twin.read_bytes(), str(pdfs.twin)).text
    assert RUNNING_HEADER.replace(" ", "") not in text.replace(" ", "")
    assert not [line for line in text.splitlines() if line.strip().isdigit()]
    assert "嘉嘉" not in text and "织织" not in text
    assert not RADICAL_CHAR.search(text), "radicals left in the text"


def test_the_page_map_points_at_each_page_first_text(pdfs) -> None:
    pdf = read_pdf(pdfs.twin.read_bytes(), str(pdfs.twin))
    pages = page_texts(pdfs.twin)
    assert len(pdf.page_starts) == len(pages) == 2 and pdf.page_starts[0] == 0
    second = re.sub(r"\s+", "", pdf.text[pdf.page_starts[1] :])[:12]
    assert second in pages[1] and second not in pages[0]


def test_load_document_reads_a_pdf(pdfs) -> None:
    document = load_document(pdfs.twin, {})
    assert document.id == "twin" and document.encoding == "pdf" and len(document.page_starts) == 2
    assert document.raw_text.startswith(paragraphs()[0])


def test_a_scanned_pdf_is_one_line_naming_the_file(pdfs) -> None:
    with pytest.raises(InputError) as caught:
        load_document(pdfs.scanned, {})
    message = str(caught.value)
    assert str(pdfs.scanned) in message and "no text layer" in message and "\n" not in message


def test_a_scanned_pdf_on_the_command_line_is_not_a_traceback(pdfs, monkeypatch, capsys) -> None:
    """`ukg extract scanned.pdf` run in-process (a subprocess would spend 10 s importing ukg)."""
    monkeypatch.setattr(sys, "argv", ["ukg", "extract", str(pdfs.scanned), "--format", "jsonl"])
    with pytest.raises(SystemExit) as exited:
        main()
    stderr = capsys.readouterr().err
    assert exited.value.code == 1
    assert "Traceback" not in stderr and "no text layer" in stderr
    assert str(pdfs.scanned) in stderr and len(stderr.strip().splitlines()) == 1


def test_an_encrypted_pdf_says_so(pdfs, tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter(clone_from=str(pdfs.twin))
    writer.encrypt(user_password="secret", owner_password="owner")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as out:
        writer.write(out)
    with pytest.raises(InputError, match=r"locked\.pdf: encrypted PDF"):
        load_document(locked, {})


@pytest.mark.parametrize("content", [b"", b"%PDF-1.7\n garbage", b"plain text, not a PDF"])
def test_a_damaged_pdf_is_one_line_naming_the_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(content)
    with pytest.raises(InputError, match=r"broken\.pdf: not a readable PDF") as caught:
        load_document(path, {})
    assert "\n" not in str(caught.value)
