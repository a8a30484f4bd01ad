"""Line classes of the segmenter: what each non-empty line of a normalised document is.

Why a module of its own: the class of a line (unit heading, by-line, author line, date,
section label, heading, body) is what both the article boundaries (segment.py) and the
heading fields (headings.py) are decided on. Classes shared with line joining come from
`normalize.lines`; the ones only the segmenter needs are here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph_loader.reference.charclass import CJK
from graph_loader.text.normalize import lines as kinds
from graph_loader.text.normalize.chars import ends_sentence

SECTION_LABELS = ("卷首语", "目录", "后记", "大事记", "编后记", "编者按语")
HEADING_KINDS = {"unit", "unit_title", "byline", "author", "names", "label", "heading", "date", "list"}

_SENTENCE_INNER = re.compile(r"[。！？；]")
_NAMES_LINE = re.compile(rf"^[{CJK}]{{2,3}}(?: [{CJK}]{{2,3}}){{1,3}}$")
_POSITIONS = "主席|书记|主任|部长|会长|秘书长|局长|记者|编辑"
AUTHOR_LINE = re.compile(rf"^(?P<position>.{{2,40}}(?:{_POSITIONS})) (?P<name>[{CJK}]{{2,3}})$")
_SIGNATURE = re.compile(rf"^[{CJK}、，]{{4,40}}(?:主席|书记|主任|部长|会长|秘书长)$")
FULL_DATE = re.compile(r"^(?:19|20)\d{2}年\d{1,2}月\d{1,2}日$")


@dataclass(frozen=True)
class Line:
    """One normalised line with its span and class."""

    index: int
    start: int
    end: int
    text: str
    kind: str


def classify(text: str) -> str:
    """The class of one line (see module docstring)."""
    line = text.strip()
    if kinds.is_list_item(line):
        return "list"
    if kinds.is_dateline(line) or FULL_DATE.match(line):
        return "date"
    if kinds.is_caption(line) or line.startswith(("(综合", "（综合", "(由", "（由")):
        return "caption"
    if kinds.is_byline(line):
        return "byline"
    if line.startswith(SECTION_LABELS) and len(line) <= 16:
        return "label"
    if kinds.is_unit_line(line):
        return "unit"
    if unit_title_split(line) is not None:
        return "unit_title"
    if _SIGNATURE.match(line):
        return "signature"
    if AUTHOR_LINE.match(line):
        return "author"
    if _NAMES_LINE.match(line):
        return "names"
    if kinds.starts_report(line):
        return "body"
    if not ends_sentence(line) and len(line) <= 45 and not _SENTENCE_INNER.search(line):
        return "heading"
    return "body"


def unit_title_split(line: str) -> tuple[str, str] | None:
    """`杭州市下城区武林商圈工会 “杭州之心”的娘家情怀` → (unit, title); None otherwise."""
    if " " not in line or len(line) > 60 or _SENTENCE_INNER.search(line):
        return None
    unit, rest = line.split(" ", 1)
    if kinds.is_unit_line(unit) and rest.strip():
        return unit, rest.strip()
    return None


def split_lines(text: str) -> list[Line]:
    """Non-empty lines of the normalised text with their spans and classes."""
    result = []
    position = 0
    for raw_line in text.split("\n"):
        end = position + len(raw_line)
        if raw_line.strip():
            result.append(Line(len(result), position, end, raw_line, classify(raw_line)))
        position = end + 1
    return result

