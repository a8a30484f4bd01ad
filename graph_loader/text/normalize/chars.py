"""Character classes shared by the repair rules (regex fragments, no logic)."""

from __future__ import annotations

# CJK unified ideographs (BMP blocks; the supplementary planes are rare in this corpus).
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_CLASS = f"[{CJK}]"
# Punctuation after which a paragraph may end. Closing quotes/brackets may follow.
SENTENCE_END = "。！？!?；;…⋯：:"
CLOSERS = "”’」』）)》"
# Chinese punctuation that must stay full width (NFKC would turn some into ASCII).
KEEP_FULL_WIDTH = "，。：；“”‘’《》、（）！？【】「」『』—…⋯"


def is_cjk(char: str) -> bool:
    """True for a CJK ideograph."""
    code = ord(char)
    return 0x3400 <= code <= 0x4DBF or 0x4E00 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF


def display_width(text: str) -> int:
    """Columns the text would take in print: CJK and full-width chars count double.

    Measured as the GB18030 byte length (1 for ASCII, 2 for CJK and Chinese punctuation),
    which is exact for this corpus and runs in C.
    """
    return len(text.encode("gb18030", "replace"))


def ends_sentence(line: str) -> bool:
    """The line ends a sentence: sentence punctuation, possibly followed by closers."""
    stripped = line.rstrip(CLOSERS + " ")
    return bool(stripped) and stripped[-1] in SENTENCE_END
