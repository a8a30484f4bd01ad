"""Names in pinyin, for readers who do not read Chinese (RDF `skos:altLabel@zh-Latn-pinyin`).

Why pypinyin: it ships its own phrase dictionary, so polyphonic characters in place names read as
the place is read (长兴 cháng xīng); one syllable per character, with tone marks, separated by spaces
(word division would need a segmenter and is left out). Anything that is not a Chinese character
(digits, Latin letters, brackets) passes through unchanged.
"""

from __future__ import annotations

from functools import lru_cache

from pypinyin import Style, lazy_pinyin


@lru_cache(maxsize=65536)
def pinyin(name: str) -> str:
    return " ".join(part.strip() for part in lazy_pinyin(name, style=Style.TONE) if part.strip())
