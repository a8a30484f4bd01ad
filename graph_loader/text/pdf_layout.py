"""Page layout of a PDF's text layer: glyphs → de-doubled lines in reading order.

Why at the source: the corpus .txt files show what a naive PDF-to-text step leaves behind —
characters doubled by "fake bold" (a heading drawn twice a fraction of a point apart), the two
columns of a page interleaved line by line, running headers and page numbers inside paragraphs.
The glyph positions that could undo each of these are gone once the text is flat, so they are
repaired here, where pdfplumber still gives every character its box.

Pure functions over `Glyph` records (no PDF library here), so the rules are tested on hand-made
pages as well as on printed ones.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from graph_loader.reference.charclass import radical_table

# Two copies of a glyph closer than this (in em of the glyph) are one overprinted character.
OVERPRINT_EM = 0.15
# A horizontal gap wider than this (in em of the body text) with no glyph in it separates columns.
GUTTER_EM = 1.2
# A line starting this far (em) right of its column's left edge is indented: a new paragraph.
INDENT_EM = 0.8
# A line ending this far (em) short of its column's right edge ends its paragraph.
SHORT_EM = 1.5
# A blank between lines wider than this (in line pitches) separates paragraphs.
GAP_PITCH = 1.35
_PAGE_NUMBER = re.compile(r"^[-–—\s]*(第\s*)?\d{1,4}(\s*页)?[-–—\s]*$|^\d{1,4}\s*/\s*\d{1,4}$")
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class Glyph:
    """One drawn character: its text (radicals already mapped), box in points, font size."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@dataclass(frozen=True)
class Line:
    """Glyphs on one baseline inside one column, left to right."""

    glyphs: tuple[Glyph, ...]
    column_left: float
    column_right: float

    @property
    def text(self) -> str:
        return join_glyphs(self.glyphs)

    @property
    def x0(self) -> float:
        return self.glyphs[0].x0

    @property
    def x1(self) -> float:
        return self.glyphs[-1].x1

    @property
    def top(self) -> float:
        return min(g.top for g in self.glyphs)

    @property
    def size(self) -> float:
        return statistics.median(g.size for g in self.glyphs)


def glyph(text: str, x0: float, x1: float, top: float, bottom: float, size: float) -> Glyph:
    """A glyph with CJK radicals mapped to the ideographs they stand for (⼯ → 工, ⻓ → 长)."""
    return Glyph(text.translate(radical_table()), x0, x1, top, bottom, size)


def dedupe(glyphs: Iterable[Glyph]) -> list[Glyph]:
    """Glyphs with overprinted copies removed: same text, boxes within OVERPRINT_EM of each other.

    Grid-hashed on position, so a page of thousands of glyphs is linear, not quadratic."""
    kept: list[Glyph] = []
    grid: dict[tuple[str, int, int], list[Glyph]] = {}
    for g in glyphs:
        if not g.text.strip():
            kept.append(g)
            continue
        tol = max(OVERPRINT_EM * g.size, 0.5)
        cx, cy = int(g.x0 // tol), int(g.top // tol)
        near = (other for dx in (-1, 0, 1) for dy in (-1, 0, 1) for other in grid.get((g.text, cx + dx, cy + dy), ()))
        if any(abs(o.x0 - g.x0) <= tol and abs(o.top - g.top) <= tol for o in near):
            continue
        grid.setdefault((g.text, cx, cy), []).append(g)
        kept.append(g)
    return kept


def rows(glyphs: Sequence[Glyph]) -> list[list[Glyph]]:
    """Glyphs grouped by vertical position, top to bottom, each row left to right. Spaces join the
    row they sit in but never start one (their boxes are unreliable)."""
    out: list[list[Glyph]] = []
    for g in sorted((g for g in glyphs if g.text.strip()), key=lambda g: (g.top, g.x0)):
        if out and abs(g.top - out[-1][0].top) <= 0.5 * max(g.size, out[-1][0].size):
            out[-1].append(g)
        else:
            out.append([g])
    for space in (g for g in glyphs if not g.text.strip()):
        row = next((row for row in out if abs(space.top - row[0].top) <= 0.5 * row[0].size), None)
        if row is not None:
            row.append(space)
    return [sorted(row, key=lambda g: g.x0) for row in out]


def running_key(row: Sequence[Glyph]) -> str:
    """How a header or footer row compares across pages: its text with numbers as '#'."""
    return _DIGITS.sub("#", join_glyphs(row).replace(" ", ""))


def is_page_number(row: Sequence[Glyph]) -> bool:
    """A bare page number (3, - 3 -, 第3页, 3/12)."""
    return bool(_PAGE_NUMBER.match(join_glyphs(row)))


def margin_rows(glyphs: Sequence[Glyph]) -> tuple[list[list[Glyph]], list[list[Glyph]]]:
    """The first and the last row of a page: where running headers, footers and folios sit."""
    all_rows = rows(glyphs)
    if len(all_rows) < 2:
        return all_rows[:1], []
    return all_rows[:1], all_rows[-1:]


def body_size(glyphs: Sequence[Glyph]) -> float:
    """The commonest font size: the body text's, against which gaps and indents are measured."""
    sizes = [round(g.size, 1) for g in glyphs if g.text.strip()]
    return statistics.mode(sizes) if sizes else 10.0


def gutters(glyph_rows: Sequence[Sequence[Glyph]], size: float) -> list[tuple[float, float]]:
    """Vertical gutters between columns: x stretches at least GUTTER_EM body em wide, inside the
    text block, that at most 5 % of the rows cross (a running header or a heading set across
    both columns may; a Latin word space is far narrower). Measured on a 1-point grid."""
    spans = [(g.x0, g.x1) for row in glyph_rows for g in row if g.text.strip()]
    if not spans:
        return []
    left, right = int(min(x0 for x0, _ in spans)), int(max(x1 for _, x1 in spans)) + 1
    cover = [0] * (right - left + 1)
    for row in glyph_rows:
        hit: set[int] = set()
        for g in row:
            if g.text.strip():
                hit.update(range(int(g.x0) - left, int(g.x1) - left + 1))
        for x in hit:
            cover[x] += 1
    allowed = max(0, len(glyph_rows) // 20)
    out: list[tuple[float, float]] = []
    start: int | None = None
    for x, count in enumerate(cover):
        if count <= allowed and start is None:
            start = x
        elif count > allowed and start is not None:
            if x - start >= GUTTER_EM * size and start > 0:
                out.append((left + start, left + x))
            start = None
    return out


def _crosses(row: Sequence[Glyph], gutter: tuple[float, float]) -> bool:
    return any(g.text.strip() and g.x0 < gutter[1] and g.x1 > gutter[0] for g in row)


def column_lines(glyphs: Sequence[Glyph], size: float) -> list[Line]:
    """The page's lines in reading order. Between rows that run across a gutter (full-width
    headings, a header on a one-page document), each column is read top to bottom, columns
    left to right; a full-width row is read where it stands."""
    glyph_rows = rows(glyphs)
    cuts = gutters(glyph_rows, size)
    inked = [g for g in glyphs if g.text.strip()]
    if not inked:
        return []
    page_extent = (min(g.x0 for g in inked), max(g.x1 for g in inked))
    bounds = [page_extent[0], *(x for gutter in cuts for x in gutter), page_extent[1]]
    extents = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
    lines: list[Line] = []
    pending: list[list[list[Glyph]]] = [[] for _ in extents]

    def flush() -> None:
        for (left, right), column in zip(extents, pending, strict=True):
            lines.extend(Line(tuple(row), left, right) for row in column if any(g.text.strip() for g in row))
            column.clear()

    for row in glyph_rows:
        if any(_crosses(row, gutter) for gutter in cuts):
            flush()
            lines.append(Line(tuple(row), *page_extent))
            continue
        for (left, right), column in zip(extents, pending, strict=True):
            part = [g for g in row if left <= (g.x0 + g.x1) / 2 <= right]
            if part:
                column.append(part)
    flush()
    return lines


def join_glyphs(glyphs: Sequence[Glyph]) -> str:
    """A row's text: glyphs in order, runs of spaces as one, a space added only where Latin letters
    or digits are set apart (CJK justification spreads glyphs without meaning a space)."""
    parts: list[str] = []
    previous: Glyph | None = None
    for g in glyphs:
        if previous is not None and g.x0 - previous.x1 > 0.25 * g.size:
            if previous.text[-1:].isascii() and g.text[:1].isascii() and previous.text.strip() and g.text.strip():
                parts.append(" ")
        parts.append(g.text)
        previous = g
    return re.sub(r" {2,}", " ", "".join(parts)).strip()


def starts_paragraph(line: Line, previous: Line | None, pitch: float, size: float) -> bool:
    """Whether `line` begins a paragraph: indented, after a short line, after a wide blank, or in
    another font size (a heading). Lines continuing a paragraph across columns and pages are
    recognised by the same cues, since the previous line then ends at its column's right edge."""
    if previous is None:
        return True
    if line.x0 - line.column_left > INDENT_EM * size:
        return True
    if previous.column_right - previous.x1 > SHORT_EM * size:
        return True
    if abs(line.size - previous.size) > 0.15 * size:
        return True
    same_column = previous.column_left == line.column_left and line.top > previous.top
    return same_column and line.top - previous.top > GAP_PITCH * pitch


def line_pitch(lines: Sequence[Line], size: float) -> float:
    """The usual distance between consecutive lines of a column (body leading)."""
    steps = [
        b.top - a.top
        for a, b in zip(lines, lines[1:], strict=False)
        if b.column_left == a.column_left and 0 < b.top - a.top < 4 * size
    ]
    return statistics.median(steps) if steps else 1.5 * size
