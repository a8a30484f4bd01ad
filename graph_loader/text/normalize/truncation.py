"""Rule `truncation`: flag lines cut off by the extractor (ending in U+FFFD).

A line ending in the replacement character lost its tail when the PDF was extracted; the
missing words cannot be recovered, so the character is dropped and a RepairFlag records
the raw span, for a reviewer to check the source.
"""

from __future__ import annotations

import re
from array import array

from graph_loader.records import RepairFlag
from graph_loader.text.normalize.offsets import Rewriter

NAME = "truncation"

_TRUNCATED = re.compile(r"[^\n]*?(\ufffd+)[ \t]*(?=\r?$)", re.MULTILINE)
_STRAY = re.compile("\ufffd+")


def apply(text: str, offsets: array) -> tuple[str, array, list[RepairFlag]]:
    if "\ufffd" not in text:
        return text, offsets, []
    flags: list[RepairFlag] = []
    rewriter = Rewriter(text, offsets)
    for match in _TRUNCATED.finditer(text):
        start, end = match.span(1)
        line_start = match.start()
        flags.append(
            RepairFlag(
                rule=NAME,
                raw_start=offsets[line_start],
                raw_end=offsets[end - 1] + 1,
                message=f"truncated line: {text[line_start:start][-20:]!s}…",
            )
        )
        rewriter.copy(start)
        rewriter.skip(match.end())
    text, offsets = rewriter.finish()
    # Replacement characters inside a line are undecodable bytes, not truncation; drop them.
    rewriter = Rewriter(text, offsets)
    for match in _STRAY.finditer(text):
        rewriter.copy(match.start())
        rewriter.skip(match.end())
    text, offsets = rewriter.finish()
    return text, offsets, flags
