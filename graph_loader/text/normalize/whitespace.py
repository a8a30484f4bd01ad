"""Rule `whitespace`: one newline convention, one space character, no trailing blanks.

PDF extraction leaves CRLF, tabs, ideographic and no-break spaces and zero-width marks;
later rules (spacing, line joining) reason about "a space" and "a line", so they are made
uniform first. Lines are stripped because leading/trailing blanks carry no meaning here.
"""

from __future__ import annotations

import re
from array import array

from graph_loader.records import RepairFlag
from graph_loader.text.normalize.offsets import Rewriter

NAME = "whitespace"

# Tabs stay tabs here: they separate table cells (`俞卫平\t姚 慧\t徐 前`), which the spacing
# rule must not merge; it turns them into spaces once letter-spacing is undone.
_SPACE_CHARS = "\u3000\xa0\u2002\u2003\u2009\u000b\u000c"
_ODD_SPACES = re.compile(f"[{_SPACE_CHARS}]+")
_CONTROL = re.compile(r"\r\n?|[\u200b\u200c\u200d\u2060\ufeff\x00-\x08\x0e-\x1f\x7f]+")
_BLANKS = re.compile(r"^[ \t]+|[ \t]+$|[ \t]{2,}", re.MULTILINE)


def apply(text: str, offsets: array) -> tuple[str, array, list[RepairFlag]]:
    rewriter = Rewriter(text, offsets)
    for match in _ODD_SPACES.finditer(text):  # one-to-one: offsets stay aligned
        rewriter.copy(match.start())
        rewriter.replace(match.end(), " " * (match.end() - match.start()))
    text, offsets = rewriter.finish()
    rewriter = Rewriter(text, offsets)
    for match in _CONTROL.finditer(text):
        rewriter.copy(match.start())
        if match.group() == "\r\n":
            rewriter.skip(match.start() + 1)  # keep the LF
        elif match.group() == "\r":
            rewriter.replace(match.end(), "\n")
        else:
            rewriter.skip(match.end())
    text, offsets = rewriter.finish()
    rewriter = Rewriter(text, offsets)
    for match in _BLANKS.finditer(text):
        start, end = match.span()
        inside = start > 0 and text[start - 1] != "\n" and end < len(text) and text[end] != "\n"
        rewriter.copy(start)
        if inside:  # a run of blanks inside a line → one (a tab if there is one)
            kept = start + match.group().index("\t" if "\t" in match.group() else " ")
            rewriter.skip(kept)
            rewriter.copy(kept + 1)
        rewriter.skip(end)
    text, offsets = rewriter.finish()
    return text, offsets, []
