"""Punctuation classes shared by the repair rules (regex fragments, no logic).

What counts as a Chinese character is defined once, in graph_loader.reference.charclass.
"""

from __future__ import annotations

# Punctuation after which a paragraph may end. Closing quotes/brackets may follow.
SENTENCE_END = "。！？!?；;…⋯：:"
CLOSERS = "”’」』）)》"
# Chinese punctuation that must stay full width (NFKC would turn some into ASCII).
KEEP_FULL_WIDTH = "，。：；“”‘’《》、（）！？【】「」『』—…⋯"


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
