"""Rule `repeats`: keep once what column interleaving printed twice.

When the extractor walks a multi-column page it sometimes emits a block twice: a two-line
heading repeated right after itself (`浙江省省部属企事业工会 / 省海港集团创新打造…` twice in
2022-reform-projects), or whole paragraphs repeated further down the page (2022-huzhou-
alliances). Two cases are repaired, both keeping the first copy:
- a group of 1–4 consecutive non-empty lines immediately repeated (blank lines ignored);
- a long line (a paragraph, >= LONG_LINE chars) identical to one seen earlier.
Short lines repeated at a distance (dates in a chronicle, a by-line) are legitimate.

The first case runs before line joining (a repeated heading must not be glued to a
paragraph); the second after it (`apply_paragraphs`), when a paragraph broken over several
lines has become one line and can be compared whole.
"""

from __future__ import annotations

import re
from array import array

from graph_loader.records import RepairFlag
from graph_loader.text.normalize.offsets import Rewriter

NAME = "repeats"
PARAGRAPHS_NAME = "repeated_paragraphs"

MAX_GROUP = 4
LONG_LINE = 40
MIN_GROUP_CHARS = 4
_LINE = re.compile(r"[^\n]+\n*")


def _drop(text: str, offsets: array, dropped: list[tuple[int, int]]) -> tuple[str, array, list[RepairFlag]]:
    if not dropped:
        return text, offsets, []
    rewriter = Rewriter(text, offsets)
    for start, end in sorted(dropped):
        rewriter.copy(start)
        rewriter.skip(end)
    text, offsets = rewriter.finish()
    if text.endswith("\n"):  # the last line was dropped: no trailing newline
        rewriter = Rewriter(text, offsets)
        rewriter.copy(len(text.rstrip("\n")))
        rewriter.skip(len(text))
        text, offsets = rewriter.finish()
    return text, offsets, []


def apply(text: str, offsets: array) -> tuple[str, array, list[RepairFlag]]:
    """Drop groups of 1–4 lines that repeat the group right before them."""
    kept: list[tuple[str, int, int]] = []  # (line, start, end incl. following newlines)
    dropped: list[tuple[int, int]] = []
    for match in _LINE.finditer(text):
        line = match.group().rstrip("\n")
        kept.append((line, match.start(), match.end()))
        for k in range(1, MAX_GROUP + 1):
            if len(kept) < 2 * k:
                break
            if kept[-1][0] != kept[-1 - k][0]:
                continue  # cheap test first: the last line must repeat k lines back
            tail = kept[-k:]
            before = kept[-2 * k : -k]
            if all(a[0] == b[0] for a, b in zip(tail, before, strict=True)) and sum(
                len(t[0]) for t in tail
            ) >= MIN_GROUP_CHARS:
                dropped.extend((t[1], t[2]) for t in tail)
                del kept[-k:]
                break
    return _drop(text, offsets, dropped)


def apply_paragraphs(text: str, offsets: array) -> tuple[str, array, list[RepairFlag]]:
    """Drop long paragraphs identical to an earlier one."""
    seen: set[str] = set()
    dropped: list[tuple[int, int]] = []
    for match in _LINE.finditer(text):
        line = match.group().rstrip("\n")
        if len(line) < LONG_LINE:
            continue
        if line in seen:
            dropped.append(match.span())
        else:
            seen.add(line)
    return _drop(text, offsets, dropped)
