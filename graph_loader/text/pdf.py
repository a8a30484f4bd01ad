"""Read a PDF's text layer into one document text with a page map.

pdfplumber (over pdfminer.six) was chosen by measurement (bench/pdf_libraries.py): it gives every
character's box, which the repairs in `pdf_layout` need, and read the generated CJK pages best.
The text is built like a corpus .txt file — one paragraph a line, a blank line between — so
the same normaliser, segmenter and extractors run on it; `page_starts[i]` is the text offset where
page i + 1 begins, from which evidence gets its page number.

Bad input is one line naming the file: not a PDF, damaged, encrypted, or scanned (no text layer:
OCR is out of scope, and an empty document would silently load nothing).
"""

from __future__ import annotations

import io
import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from graph_loader.errors import InputError
from graph_loader.text.pdf_layout import (
    Glyph,
    Line,
    body_size,
    column_lines,
    dedupe,
    glyph,
    is_page_number,
    line_pitch,
    margin_rows,
    running_key,
    starts_paragraph,
)

# pdfminer logs a warning per glyph for fonts it cannot measure (Chromium's CJK subsets); the
# text is unaffected, and thousands of lines would bury the build's own messages.
logging.getLogger("pdfminer").setLevel(logging.ERROR)
log = logging.getLogger(__name__)

PARAGRAPH_BREAK = "\n\n"


@dataclass(frozen=True)
class PdfText:
    """A PDF as text: paragraphs separated by blank lines, and where each page starts."""

    text: str
    page_starts: tuple[int, ...]


def page_glyphs(page: object) -> list[Glyph]:
    """The upright characters of a pdfplumber page as glyphs (rotated marginalia left out)."""
    return [
        glyph(c["text"], float(c["x0"]), float(c["x1"]), float(c["top"]), float(c["bottom"]), float(c["size"]))
        for c in page.chars  # type: ignore[attr-defined]
        if c.get("upright", True)
    ]


def running_rows(pages: Sequence[Sequence[Glyph]]) -> list[set[int]]:
    """Per page, the ids of glyphs in running headers, footers and page numbers.

    A first or last row is running when its text (numbers as '#') recurs in the first or last row
    of another page, or when it is a bare page number. One page alone keeps its header: nothing
    shows it repeats."""
    candidates = [margin_rows(glyphs) for glyphs in pages]
    counts: Counter[str] = Counter()
    for top, bottom in candidates:
        counts.update({running_key(row) for row in (*top, *bottom)})
    out: list[set[int]] = []
    for top, bottom in candidates:
        drop: set[int] = set()
        for row in (*top, *bottom):
            if counts[running_key(row)] >= 2 or is_page_number(row):
                drop.update(id(g) for g in row)
        out.append(drop)
    return out


def _joiner(before: str, after: str) -> str:
    """What a line break inside a paragraph becomes: nothing (Chinese needs no space, and a CJK
    line break carries no hyphen), or a space between two Latin letters or digits."""
    if before[-1:].isascii() and before[-1:].isalnum() and after[:1].isascii() and after[:1].isalnum():
        return " "
    return ""


def layout_text(pages: Sequence[Sequence[Glyph]]) -> PdfText:
    """Glyphs of every page → paragraphs in reading order with the page map (pure; see pdf_layout)."""
    pages = [dedupe(glyphs) for glyphs in pages]
    running = running_rows(pages)
    parts: list[str] = []
    length = 0
    page_starts: list[int] = []
    previous: Line | None = None
    for glyphs, drop in zip(pages, running, strict=True):
        body = [g for g in glyphs if id(g) not in drop]
        size = body_size(body)
        lines = column_lines(body, size)
        pitch = line_pitch(lines, size)
        page_start: int | None = None
        for line in lines:
            text = line.text
            if not text:
                continue
            if not parts:
                sep = ""
            elif starts_paragraph(line, previous, pitch, size):
                sep = PARAGRAPH_BREAK
            else:
                sep = _joiner(parts[-1], text)
            parts.append(sep)
            length += len(sep)
            if page_start is None:
                page_start = length
            parts.append(text)
            length += len(text)
            previous = line
        page_starts.append(length if page_start is None else page_start)
    return PdfText("".join(parts), tuple(page_starts))


def _why(error: Exception) -> str:
    """One line on why pdfplumber could not open a file (it wraps pdfminer's errors)."""
    cause = error.args[0] if isinstance(error, PdfminerException) and error.args else error
    if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
        return "encrypted PDF (needs a password; save an unprotected copy)"
    detail = " ".join(str(cause).split())[:80]
    return f"not a readable PDF ({type(cause).__name__}{': ' + detail if detail else ''})"


def read_pdf(data: bytes, name: str) -> PdfText:
    """The text of a PDF file's bytes; `name` (the path) is what every error message names."""
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [page_glyphs(page) for page in pdf.pages]
    except Exception as error:  # pdfminer raises many unrelated types for a damaged file
        raise InputError(f"{name}: {_why(error)}") from error
    if not pages:
        raise InputError(f"{name}: PDF has no pages")
    if not any(g.text.strip() for glyphs in pages for g in glyphs):
        raise InputError(f"{name}: PDF has no text layer (a scanned document? run OCR first)")
    empty = [str(i + 1) for i, glyphs in enumerate(pages) if not any(g.text.strip() for g in glyphs)]
    if empty:
        log.warning("%s: pages without a text layer skipped: %s", name, ", ".join(empty))
    return layout_text(pages)
