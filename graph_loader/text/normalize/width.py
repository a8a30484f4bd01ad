"""Rule `width`: full-width digits, letters and a few symbols become ASCII (NFKC, one-to-one).

Names and numbers must compare equal however they were typeset (２０１９ = 2019,
ＡＰＰ = APP). Only one-to-one mappings are applied, so offsets stay aligned; Chinese
punctuation (，。：；“”《》、（）) is deliberately left full width — it is part of the text's
sentence structure and the spec keeps it.
"""

from __future__ import annotations

import re
import unicodedata
from array import array

from graph_loader.records import RepairFlag
from graph_loader.text.normalize.offsets import Rewriter

NAME = "width"

_SAFE_SYMBOLS = "＋－％＆＠＃＝／＜＞＿｜～＄＊"


def _table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0xFF01, 0xFF5F):
        char = chr(code)
        if char.isalnum() or char in _SAFE_SYMBOLS:
            table[code] = unicodedata.normalize("NFKC", char)
    # Mathematical/compatibility digits that show up in extracted numbering.
    for char in "０１２３４５６７８９":
        table[ord(char)] = unicodedata.normalize("NFKC", char)
    return table


_TABLE = _table()


_FULL_WIDTH = re.compile("[" + re.escape("".join(sorted(chr(code) for code in _TABLE))) + "]+")


def apply(text: str, offsets: array) -> tuple[str, array, list[RepairFlag]]:
    if not _FULL_WIDTH.search(text):
        return text, offsets, []
    rewriter = Rewriter(text, offsets)
    for match in _FULL_WIDTH.finditer(text):  # one-to-one: offsets stay aligned
        rewriter.copy(match.start())
        rewriter.replace(match.end(), match.group().translate(_TABLE))
    new_text, new_offsets = rewriter.finish()
    return new_text, new_offsets, []
