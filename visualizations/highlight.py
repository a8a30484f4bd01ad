"""Mark both ends of a relationship in its evidence sentence, for people who judge the edge by reading it.

Why its own module: a reviewer decides "is this edge right?" from the sentence, and that is quick only
when the two ends stand out. The extractor records the surface forms it saw (`Evidence.surfaces`,
head first); they are found in the quote whatever the quote's line breaks, full-width letters or case
(the quote is the raw source text, the surfaces come from the normalised one). Without them — or where
one is not found — the end's name and aliases are looked for instead. Everything here is pure: text
in, offsets and segments out; the template escapes the text, so a quote can never inject markup.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from graph_loader.reference.charclass import WIDE

HEAD = "head"
TAIL = "tail"
ELLIPSIS = "…"
_SPACE_BETWEEN_WIDE = re.compile(rf"(?<=[{WIDE}])\s+(?=[{WIDE}])")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Mark:
    """Characters [start, end) of a quote name one end of the edge (`role` is head or tail)."""

    start: int
    end: int
    role: str

    def to_json(self) -> dict[str, int | str]:
        return {"start": self.start, "end": self.end, "role": self.role}


@dataclass(frozen=True)
class Segment:
    """A run of a quote, marked as an end (`role`) or plain (None)."""

    text: str
    role: str | None = None


def tidy(quote: str) -> str:
    """The quote as a reader wants it: line breaks of the PDF text gone between Chinese characters
    (where they would show as stray spaces), any other run of white space one space."""
    return _SPACE.sub(" ", _SPACE_BETWEEN_WIDE.sub("", quote)).strip()


def _fold(text: str) -> tuple[str, list[int]]:
    """`text` without white space, NFKC-normalised and case-folded, and for each folded character
    the index of the character of `text` it came from."""
    folded: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char.isspace():
            continue
        for part in unicodedata.normalize("NFKC", char).casefold():
            if not part.isspace():
                folded.append(part)
                origin.append(index)
    return "".join(folded), origin


def split_surfaces(
    surfaces: Sequence[str], head_names: Iterable[str], tail_names: Iterable[str]
) -> tuple[str | None, str | None]:
    """(head surface, tail surface) from what the extractor recorded: two surfaces are head and tail
    in that order; a lone one goes to the end whose names share the most characters with it."""
    found = [surface for surface in surfaces if surface and surface.strip()]
    if len(found) >= 2:
        return found[0], found[1]
    if not found:
        return None, None
    lone = set(_fold(found[0])[0])

    def overlap(names: Iterable[str]) -> int:
        return max((len(lone & set(_fold(name)[0])) for name in names if name), default=0)

    return (found[0], None) if overlap(head_names) >= overlap(tail_names) else (None, found[0])


def _spans(folded: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Every occurrence of the terms in the folded quote, longest terms first, none overlapping."""
    taken: list[tuple[int, int]] = []
    for term in sorted({_fold(term)[0] for term in terms if term}, key=len, reverse=True):
        if not term:
            continue
        start = folded.find(term)
        while start >= 0:
            end = start + len(term)
            if all(end <= a or start >= b for a, b in taken):
                taken.append((start, end))
            start = folded.find(term, start + 1)
    return sorted(taken)


def find_marks(
    text: str,
    head_names: Sequence[str],
    tail_names: Sequence[str],
    surfaces: Sequence[str] = (),
) -> tuple[Mark, ...]:
    """Where the head and the tail are named in `text`: each end's recorded surface form where the
    text has it, otherwise its name and aliases. Offsets are into `text`, in order of start."""
    folded, origin = _fold(text)
    head_surface, tail_surface = split_surfaces(surfaces, head_names, tail_names)
    marks: list[Mark] = []
    for role, surface, names in ((HEAD, head_surface, head_names), (TAIL, tail_surface, tail_names)):
        spans = _spans(folded, [surface]) if surface else []
        if not spans:
            spans = _spans(folded, names)
        marks += [Mark(origin[start], origin[end - 1] + 1, role) for start, end in spans]
    return tuple(sorted(marks, key=lambda mark: (mark.start, -mark.end, mark.role)))


def windows(text: str, marks: Sequence[Mark], width: int) -> list[tuple[int, int]]:
    """The stretches [start, end) of `text` to show, at most `width` characters in all: the whole text
    when short enough; else one stretch holding the first mark of each end; else, when those lie far
    apart, half the width around each."""
    if len(text) <= width:
        return [(0, len(text))]
    firsts = sorted(
        (mark for mark in (next((m for m in marks if m.role == role), None) for role in (HEAD, TAIL)) if mark),
        key=lambda mark: mark.start,
    )
    if not firsts:
        return [(0, width)]
    low, high = firsts[0].start, max(mark.end for mark in firsts)
    if high - low <= width:
        return [_around(len(text), low, high, width)]
    half = width // 2
    first, last = (_around(len(text), mark.start, mark.end, half) for mark in (firsts[0], firsts[-1]))
    return [first, last] if first[1] < last[0] else [(first[0], max(first[1], last[1]))]


def _around(size: int, low: int, high: int, width: int) -> tuple[int, int]:
    """`width` characters of a text of `size` with [low, high) in the middle (or from `low` if longer)."""
    start = max(0, low - max(width - (high - low), 0) // 2)
    start = max(0, min(start, size - width))
    return start, min(size, start + width)


def segments(text: str, marks: Sequence[Mark], width: int | None = None) -> list[Segment]:
    """`text` (cut to `width` around the marks, with an ellipsis where cut) as plain and marked runs.

    Where marks overlap — a place inside an organisation's name, 青禾县 in 青禾县白鹭镇工会 for a
    LOCATED_IN edge — the shorter one keeps its characters, so both ends still show."""
    roles: list[tuple[str, int] | None] = [None] * len(text)
    for number, mark in sorted(enumerate(marks), key=lambda item: item[1].start - item[1].end):
        for index in range(max(mark.start, 0), min(mark.end, len(text))):
            roles[index] = (mark.role, number)
    runs: list[Segment] = []
    shown = windows(text, marks, width) if width else [(0, len(text))]
    for low, high in shown:
        if low > 0:
            runs.append(Segment(ELLIPSIS))
        start = low
        for index in range(low + 1, high + 1):
            if index == high or roles[index] != roles[start]:
                role = roles[start]
                runs.append(Segment(text[start:index], role[0] if role else None))
                start = index
    if shown and shown[-1][1] < len(text):
        runs.append(Segment(ELLIPSIS))
    return runs
