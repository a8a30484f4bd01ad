"""What view tests look for in a page: network loads, external links, the data island."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

EXTERNAL = re.compile(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)
# What would make a page fetch something when it loads (links a user may follow are fine in exported files).
LOADS = re.compile(
    r"""\bsrc\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//|@import|<link\b""", re.IGNORECASE
)


def payload(page: str) -> dict:
    """The data island a view page carries: exactly what the page draws."""
    match = re.search(r'<script type="application/json" id="ukg-data">(.*?)</script>', page, re.S)
    assert match, "no data island in the page"
    return json.loads(match.group(1))


class _VisibleText(HTMLParser):
    """Text a reader sees, without scripts, styles and elements marked as another language."""

    def __init__(self, skip_lang: str) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_lang = skip_lang
        self.skipping: list[str] = []  # the open skipped element's tag, repeated for each nested same tag
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID_TAGS:
            return
        if self.skipping:
            if tag == self.skipping[0]:
                self.skipping.append(tag)
            return
        lang = dict(attrs).get("lang") or ""
        if tag in ("script", "style") or (lang and lang.split("-")[0] == self.skip_lang):
            self.skipping.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and tag == self.skipping[0]:
            self.skipping.pop()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def visible_text(page: str, skip_lang: str = "zh") -> str:
    """The page's text outside <script>, <style> and elements with `lang="<skip_lang>"` (an English page
    marks the names and sentences it leaves in Chinese that way); one space between text nodes."""
    parser = _VisibleText(skip_lang)
    parser.feed(page)
    parser.close()
    return " ".join(part.strip() for part in parser.parts if part.strip())
