"""Generated PDFs for the PDF reader's tests, printed once per session by headless Chromium.

Printing takes a few seconds (Chromium start, CJK font subsetting), so every test of tests/pdf
shares one browser run: the two-column twin with fake-bold headings, a running header and page
numbers; the same page without header and footer; and a "scanned" page (an image only).
Skipped like tests/browser/ when /usr/bin/chromium or playwright is missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.pdfgen import CHROMIUM, CHROMIUM_ARGS, print_pdf, print_scanned_pdf, twin_html


@dataclass(frozen=True)
class GeneratedPdfs:
    twin: Path  # two columns, fake-bold headings, running header, page numbers
    scanned: Path  # one page holding a picture of text: no text layer


@pytest.fixture(scope="session")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> GeneratedPdfs:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: run `make browser` (apt-get install chromium fonts-noto-cjk)")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')"
    )
    folder = tmp_path_factory.mktemp("pdfs")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            twin = print_pdf(browser, twin_html(), folder / "twin.pdf")
            scanned = print_scanned_pdf(browser, folder / "scanned.pdf")
        finally:
            browser.close()
    return GeneratedPdfs(twin, scanned)
