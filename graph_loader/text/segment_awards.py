"""Award-list pages: a winners' list (a unit's name on one line, its project title on the next)
followed by project blurbs, some led by their unit, some signed by it (——X总工会).

Why a module of its own: the genre breaks both layouts of segment.py — the list is a run of
heading pairs with no body between them (the leading layout would make it one piece), and the
blurbs after it mix leading unit lines with trailing signatures. Each list entry is a piece of
its own (kind "entry": the unit is an entrant of whatever the page's lead names), and each blurb
is cut where its unit line stands, or — for a signed blurb — at the first paragraph that speaks
of the signing unit's place.
"""

from __future__ import annotations

import re

from graph_loader.text.normalize import lines as kinds
from graph_loader.text.segment_lines import Line

MIN_ENTRIES = 3  # fewer unit/title pairs in a row are sub-headings, not a list
_SIGNATURE = re.compile(r"^\s*[—－\-]{1,2}\s*(\S{4,32})\s*$")
_GENERIC = {"工会", "总工", "市总", "县总", "区总", "镇总", "联合", "合会", "合工", "会联", "有限", "公司", "股份"}


def _is_unit(line: Line) -> bool:
    return line.kind == "unit"


def _pair_at(lines: list[Line], i: int) -> bool:
    """A list entry at i: a unit line, its title, and no body right after (another entry, a
    category heading or the end follows)."""
    if not (_is_unit(lines[i]) and i + 1 < len(lines) and lines[i + 1].kind == "heading"):
        return False
    return i + 2 >= len(lines) or lines[i + 2].kind in ("unit", "heading")


def entry_runs(lines: list[Line]) -> list[list[int]]:
    """Runs of list entries (indices of their unit lines); category headings may sit between."""
    runs: list[list[int]] = []
    current: list[int] = []
    i = 0
    while i < len(lines):
        if _pair_at(lines, i):
            if current and i - (current[-1] + 2) > 2:
                runs.append(current)
                current = []
            current.append(i)
            i += 2
            continue
        if lines[i].kind != "heading":
            if current:
                runs.append(current)
            current = []
        i += 1
    if current:
        runs.append(current)
    return [run for run in runs if len(run) >= MIN_ENTRIES]


def signed_unit(line: Line) -> str:
    """The unit of a signature line (——温岭市泽国镇总工会), or ''."""
    match = _SIGNATURE.match(line.text)
    if match and kinds.is_unit_line(match.group(1)):
        return match.group(1)
    return ""


def _grams(unit: str) -> set[str]:
    return {unit[k:k + 2] for k in range(len(unit) - 1)} - _GENERIC


def _echo_start(lines: list[Line], low: int, sig: int, unit: str) -> int:
    """First body line in (low, sig) that names the signing unit's place (where its blurb
    starts), or -1."""
    grams = _grams(unit)
    for k in range(low + 1, sig):
        if lines[k].kind == "body" and any(g in lines[k].text for g in grams):
            return k
    return -1


def award_pieces(lines: list[Line]) -> list[tuple[int, str, str]] | None:
    """(first line, kind, signed unit) of every piece from the first list entry on, or None when
    the page has no award list. Pieces before the list are left to the leading layout."""
    runs = entry_runs(lines)
    if not runs:
        return None
    starts: dict[int, tuple[str, str]] = {}
    last_end = 0
    for run in runs:
        for index in run:
            first = index
            while first - 1 >= last_end and lines[first - 1].kind == "heading" and \
                    not (first - 2 >= 0 and _is_unit(lines[first - 2])):
                first -= 1  # category headings (获奖项目名单, 优秀项目) open the next entry
            starts[first] = ("entry", "")
            last_end = index + 2
    tail_start = last_end
    current, led = tail_start, False  # start of the open blurb; does a unit line lead it?
    for k in range(tail_start, len(lines)):
        line = lines[k]
        unit = signed_unit(line)
        if unit:
            begin = _echo_start(lines, current, k, unit) if led else current
            if begin >= 0:
                starts[begin] = ("blurb", unit)
            if k + 1 < len(lines):
                starts[k + 1] = ("blurb", "")
            current, led = k + 1, False
        elif line.kind in ("unit", "unit_title") and k + 1 < len(lines) and lines[k + 1].kind != "unit":
            first = k - 1 if k - 1 == tail_start and lines[k - 1].kind == "heading" else k
            starts[first] = ("blurb", "")  # a section heading (项目风采) opens the first blurb
            current, led = first, True
    if tail_start < len(lines) and tail_start not in starts:
        starts[tail_start] = ("article", "")  # text after the list that no blurb claims
    return [(index, kind, unit) for index, (kind, unit) in sorted(starts.items())]
