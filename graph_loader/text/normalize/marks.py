"""Rule `marks`: remove page marks and footnote marks left by the PDF extraction.

The magazine closes every article with an end mark rendered as `**1**`, `**I**`, `**■**`,
`■`, a dangling footnote reference `^[1]` or a superscript `¹` after the last full stop;
by-lines start with `■`/`□`. None of these is text, and left in place they break names
("■特约记者") and sentences. Because the marks do carry one useful signal — "an article
ends here" — `end_mark_positions` lets the segmenter find them again through the offset
map after they are gone.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left

from graph_loader.records import RepairFlag
from graph_loader.text.normalize.offsets import Rewriter

NAME = "marks"

# Bold page/end marks (**1**, **I**, **■**), footnote refs (^[1]), bare squares.
MARK = re.compile(
    r"[ \t]*(?:\*\*(?:\d{1,3}|[IVXⅠⅡ]{1,3}|[■□])\*\*|\^\[\d{1,3}\]|[■□▪◼] ?"
    r"|(?<=[。！？”])[¹²³⁰⁴-⁹]{1,3}(?=[ \t]*(?:\r?\n|$)))"
)
# The subset of marks that close an article (not the by-line squares at a line start).
_END_MARK = re.compile(
    r"(?:\*\*(?:\d{1,3}|[IVXⅠⅡ]{1,3}|[■□])\*\*|\^\[\d{1,3}\]|■|(?<=[。！？”])[¹²³⁰⁴-⁹]{1,3})[ \t]*(?=\r?\n|$)"
)


def apply(text: str, offsets: array) -> tuple[str, array, list[RepairFlag]]:
    rewriter = Rewriter(text, offsets)
    for match in MARK.finditer(text):
        rewriter.copy(match.start())
        rewriter.skip(match.end())
    new_text, new_offsets = rewriter.finish()
    return new_text, new_offsets, []


def end_mark_positions(raw_text: str, offsets: array | list[int]) -> list[int]:
    """Normalised positions just after each article end mark found in the raw text.

    The map is non-decreasing, so the first normalised char whose raw offset lies beyond
    the mark is found by bisection.
    """
    positions = []
    for match in _END_MARK.finditer(raw_text):
        positions.append(bisect_left(offsets, match.end()))
    return positions
