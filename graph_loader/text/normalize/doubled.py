"""Rule `doubled`: undo bold text that the PDF extractor emitted twice.

Bold runs in the newspapers were drawn twice (fake bold) and come out doubled run by run:
`惟改革者进惟改革者进，，` for `惟改革者进，`, `99月月2020日日` for `9月20日`,
`周周 静静 阮向民阮向民` for `周静 阮向民`. The doubling is of whole runs, so a line is
repaired only when it can be read (almost) entirely as consecutive pairs `XX`; an ordinary
line containing a legitimate repeat (天天, 人人, 常常, 研究研究) is left alone.

The parse is a dynamic programme over the line minimising the characters left unpaired,
with the run length capped, so it is linear in the line length. A cheap prefilter (the line
must start with a pair) keeps it off the vast majority of lines.
"""

from __future__ import annotations

import re
from array import array

from graph_loader.records import RepairFlag
from graph_loader.text.normalize.offsets import Rewriter

NAME = "doubled"

MAX_RUN = 40  # longest doubled run considered (chars)
MIN_LINE = 4  # shorter lines are never treated as doubled
MAX_LINE = 4000  # longer "lines" are body text run together, never a bold heading
MAX_UNPAIRED = 0.1  # share of non-space chars that may stay unpaired
_STARTS_DOUBLED = re.compile(rf" *(.{{1,{MAX_RUN}}}?)\1")
_LINE = re.compile(r"[^\n]+")


def parse_pairs(line: str) -> tuple[int, list[tuple[int, int]]] | None:
    """Best reading of `line` as pairs: (unpaired non-space chars, [(start, run_length)]).

    Returns None when no pairing exists at all. Spaces are free: the extractor does not
    double the gaps between words.
    """
    n = len(line)
    cost = [0] * (n + 1)
    choice = [0] * (n + 1)  # 0: take one char as is; k > 0: pair of runs of length k
    for i in range(n - 1, -1, -1):
        best = cost[i + 1] + (0 if line[i] == " " else 1)
        best_k = 0
        limit = min(MAX_RUN, (n - i) // 2)
        first = line[i]
        if first == " ":
            limit = 0
        for k in range(limit, 0, -1):  # longest first: ties go to the longer run
            if line[i + k] != first or line[i + 1 : i + k] != line[i + k + 1 : i + 2 * k]:
                continue
            if cost[i + 2 * k] < best:
                best = cost[i + 2 * k]
                best_k = k
        cost[i] = best
        choice[i] = best_k
    pairs = []
    i = 0
    while i < n:
        k = choice[i]
        if k:
            pairs.append((i, k))
            i += 2 * k
        else:
            i += 1
    if not pairs:
        return None
    return cost[0], pairs


def undouble(line: str) -> str | None:
    """The repaired line, or None when the line is not doubled text."""
    pairs = _parse_if_doubled(line)
    return None if pairs is None else _apply_pairs(line, pairs)


def _parse_if_doubled(line: str) -> list[tuple[int, int]] | None:
    if not MIN_LINE <= len(line.strip()) <= MAX_LINE or not _STARTS_DOUBLED.match(line):
        return None
    parsed = parse_pairs(line)
    if parsed is None:
        return None
    unpaired, pairs = parsed
    visible = len(line) - line.count(" ")
    if not _accepts(unpaired, pairs, visible):
        return None
    # A repaired line that would itself read as doubled means the reading is ambiguous
    # (e.g. "0000"); leave it, so that normalising twice changes nothing more.
    repaired = _apply_pairs(line, pairs)
    if len(repaired.strip()) >= MIN_LINE and _STARTS_DOUBLED.match(repaired):
        again = parse_pairs(repaired)
        if again is not None:
            unpaired2, pairs2 = again
            visible2 = len(repaired) - repaired.count(" ")
            if _accepts(unpaired2, pairs2, visible2):
                return None
    return pairs


def _accepts(unpaired: int, pairs: list[tuple[int, int]], visible: int) -> bool:
    """Few chars left unpaired; a single pair only counts when it is the whole line (>= 3 chars)."""
    if unpaired > MAX_UNPAIRED * visible:
        return False
    return len(pairs) >= 2 or (not unpaired and pairs[0][1] >= 3)


def _apply_pairs(line: str, pairs: list[tuple[int, int]]) -> str:
    out = []
    i = 0
    for start, k in pairs:
        out.append(line[i:start])
        out.append(line[start : start + k])
        i = start + 2 * k
    out.append(line[i:])
    return "".join(out)


def apply(text: str, offsets: array) -> tuple[str, array, list[RepairFlag]]:
    rewriter = Rewriter(text, offsets)
    for match in _LINE.finditer(text):
        line = match.group()
        if len(line) < MIN_LINE or not _STARTS_DOUBLED.match(line):
            continue
        pairs = _parse_if_doubled(line)
        if pairs is None:
            continue
        base = match.start()
        for start, k in pairs:
            rewriter.copy(base + start + k)  # keep the first copy of the run …
            rewriter.skip(base + start + 2 * k)  # … and drop the second
    text, offsets = rewriter.finish()
    return text, offsets, []
