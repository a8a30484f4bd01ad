"""Benchmark: which PDF library reads generated Chinese magazine pages best (issue 17, item 1).

Run: `.venv/bin/python bench/pdf_libraries.py` (needs /usr/bin/chromium and playwright, like the
browser tests). Prints the generated PDFs (two columns, fake-bold headings, running header, page
numbers: tests/support/pdfgen.py) through pypdf and pdfplumber, each as shipped, and through ukg's
reader (pdfplumber's characters + graph_loader.text.pdf_layout). Character accuracy is
1 − edit distance / length against the known source text, whitespace ignored, both as extracted
and after mapping CJK radicals to ideographs (so the comparison is about order and doubling,
not the ToUnicode maps every library reads alike). Speed: best of 3 over the twin text six times (9 pages).
"""

from __future__ import annotations

import io
import logging
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pypdf
from playwright.sync_api import sync_playwright

from graph_loader.reference.charclass import radical_table
from graph_loader.text.pdf import read_pdf
from tests.support.pdfgen import CHROMIUM, CHROMIUM_ARGS, TWIN_TEXT, print_pdf, twin_html

logging.getLogger("pdfminer").setLevel(logging.ERROR)


def pypdf_plain(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def pypdf_layout(data: bytes) -> str:
    return "\n".join(page.extract_text(extraction_mode="layout") for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def pdfplumber_plain(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def ukg_reader(data: bytes) -> str:
    return read_pdf(data, "bench.pdf").text


READERS: dict[str, Callable[[bytes], str]] = {
    "pypdf extract_text": pypdf_plain,
    "pypdf layout mode": pypdf_layout,
    "pdfplumber extract_text": pdfplumber_plain,
    "ukg reader (pdfplumber chars)": ukg_reader,
}


def edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def accuracy(got: str, want: str) -> float:
    got, want = re.sub(r"\s+", "", got), re.sub(r"\s+", "", want)
    return 1 - edit_distance(got, want) / len(want)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        small = print_pdf(browser, twin_html(), Path(tmp) / "twin.pdf").read_bytes()
        big = print_pdf(browser, twin_html("\n\n".join([TWIN_TEXT] * 6)), Path(tmp) / "big.pdf").read_bytes()
        browser.close()
    pages_small = len(pypdf.PdfReader(io.BytesIO(small)).pages)
    pages_big = len(pypdf.PdfReader(io.BytesIO(big)).pages)
    print(f"twin.pdf: {len(small):,} bytes, {pages_small} pages; big.pdf: {len(big):,} bytes, {pages_big} pages")
    print(f"{'reader':32} {'accuracy':>9} {'+radicals':>10} {'s/page':>8}")
    for name, reader in READERS.items():
        text = reader(small)
        raw = accuracy(text, TWIN_TEXT)
        mapped = accuracy(text.translate(radical_table()), TWIN_TEXT)
        best = min(_timed(reader, big) for _ in range(3))
        print(f"{name:32} {raw:9.1%} {mapped:10.1%} {best / pages_big:8.3f}")


def _timed(reader: Callable[[bytes], str], data: bytes) -> float:
    started = time.perf_counter()
    reader(data)
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
