"""The one definition of a Chinese character, and the regex classes built on it.

Why a module of its own: the extractors, the resolver and the text repairs all ask "is this a
Chinese character?", and when each wrote its own range the answers drifted apart (a name with
an Extension-A character was a name for one stage and a boundary for the next). Every regex
that needs the class interpolates `CJK` (a fragment for inside `[...]`) or `CJK_CLASS`; nobody
else writes a range.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

import yaml

# CJK ideographs of the BMP: Extension A, the unified block and the compatibility block.
# The supplementary planes (Extension B…) do not occur in the corpus and are left out.
CJK_BLOCKS: tuple[tuple[int, int], ...] = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))

# Fragment for use inside a regex character class: rf"[{CJK}A-Za-z]".
CJK = "".join(f"{chr(low)}-{chr(high)}" for low, high in CJK_BLOCKS)
# Wide characters, between which a line break is no space: the ideographs, CJK radicals and
# punctuation, full-width forms (a fragment like CJK).
WIDE_BLOCKS: tuple[tuple[int, int], ...] = ((0x2E80, 0x2FDF), (0x3000, 0x303F), *CJK_BLOCKS, (0xFF00, 0xFFEF))
WIDE = "".join(f"{chr(low)}-{chr(high)}" for low, high in WIDE_BLOCKS)
# One Chinese character, as a regex: CJK_CLASS + "{2,4}".
CJK_CLASS = f"[{CJK}]"
# Characters an organisation, carrier or place name may contain: Chinese characters, Latin
# letters (CBD, APP), brackets (村(社区)), the middle dot and hyphens.
NAME_CHAR = rf"[{CJK}A-Za-z()（）·\-－]"

_EXT_A, _UNIFIED, _COMPAT = CJK_BLOCKS
CJK_CHAR = re.compile(CJK_CLASS)
NAME_CHAR_RE = re.compile(NAME_CHAR)


def is_cjk(char: str) -> bool:
    """True for a CJK ideograph (one character; compared by code point, the hot path of joining)."""
    code = ord(char)
    return _EXT_A[0] <= code <= _EXT_A[1] or _UNIFIED[0] <= code <= _UNIFIED[1] or _COMPAT[0] <= code <= _COMPAT[1]


# CJK Radicals Supplement and Kangxi Radicals: code points a PDF's ToUnicode map may give a glyph
# it shares with an ideograph (工 extracted as ⼯). Real text never uses them in this corpus.
RADICAL_BLOCKS: tuple[tuple[int, int], ...] = ((0x2E80, 0x2EFF), (0x2F00, 0x2FDF))
RADICAL = "".join(f"{chr(low)}-{chr(high)}" for low, high in RADICAL_BLOCKS)
RADICAL_CHAR = re.compile(f"[{RADICAL}]")
_RADICALS_FILE = Path(__file__).resolve().parent / "data" / "radicals.yaml"


@functools.cache
def radical_table() -> dict[int, str]:
    """str.translate table: each radical → the ideograph drawn with the same glyph (data/radicals.yaml,
    the SC forms), NFKC for a radical the file does not list."""
    listed = yaml.safe_load(_RADICALS_FILE.read_text(encoding="utf-8")) or {}
    table: dict[int, str] = {}
    for low, high in RADICAL_BLOCKS:
        for code in range(low, high + 1):
            char = chr(code)
            table[code] = str(listed.get(char) or unicodedata.normalize("NFKC", char))
    return {code: value for code, value in table.items() if value != chr(code)}
