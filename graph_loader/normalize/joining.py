"""Rule `joining`: one paragraph per line, headings on their own lines.

Placeholder: collapses blank lines only (refined below).
"""

from __future__ import annotations

import re
from array import array

from graph_loader.normalize.offsets import Rewriter
from graph_loader.records import RepairFlag

NAME = "joining"

_BREAKS = re.compile(r"\n{2,}|^\n+|\n+$")


def apply(text: str, offsets: array) -> tuple[str, array, list[RepairFlag]]:
    rewriter = Rewriter(text, offsets)
    for match in _BREAKS.finditer(text):
        rewriter.copy(match.start())
        if match.start() == 0 or match.end() == len(text):
            rewriter.skip(match.end())
        else:
            rewriter.copy(match.start() + 1)
            rewriter.skip(match.end())
    text, offsets = rewriter.finish()
    return text, offsets, []
