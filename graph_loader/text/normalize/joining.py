"""Rule `joining`: glue lines broken mid-sentence; leave one paragraph or heading per line.

PDF extraction breaks lines at column edges (newspaper columns of ~15 characters) and at
page breaks (in the middle of a magazine paragraph), sometimes with blank lines between
the pieces. A break is joined only when the text says it is mid-sentence, because gluing
a heading to the paragraph after it would hide an article boundary from the segmenter.

The decision depends only on the paragraph built so far (P), the next line (B) and
document-wide statistics that joining cannot change, so normalising twice joins nothing
more (idempotence). Refuse when P ends a sentence or either side is structural (a unit
heading, a by-line, a chronicle date, a TOC entry, a caption). Otherwise join when:
- P has an unclosed quote or bracket;
- P already contains a sentence end (it is body text, not a heading);
- P ends with a comma, an enumeration comma or a function word (的, 了, 和, 通过 …);
- P is long (≥ 50 columns) and contains clause commas (body text, not a title);
- the two characters across the break form a bigram frequent elsewhere in the document
  (集|聚, 组|建: a word cut in two), when P has no word spaces (titles often do);
- the document is set in narrow columns and P's last line fills the column.
"""

from __future__ import annotations

import re
from array import array
from collections import Counter

from graph_loader.records import RepairFlag
from graph_loader.reference.charclass import is_cjk
from graph_loader.text.normalize import lines as kinds
from graph_loader.text.normalize.chars import display_width, ends_sentence
from graph_loader.text.normalize.offsets import Rewriter

NAME = "joining"

_LINE = re.compile(r"[^\n]+")
_INNER_END = re.compile(r"[。；！？!?]")
_COMMA = re.compile(r"[，,、]")
_CLAUSE_COMMA = re.compile(r"[，,]")  # 、 also lists items inside titles
_FUNCTION_END = re.compile(
    r"(?:[，,、的了和与及或把将从向于并而且被让使是]|通过|按照|根据|围绕|依托|以及|进行|为了)$"
)
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")
_PAIRS = (("“", "”"), ("‘", "’"), ("（", "）"), ("(", ")"), ("《", "》"), ("「", "」"))
MIN_BIGRAM = 4  # other occurrences of the cross-break bigram needed to call it a cut word
LONG_LINE = 50  # display columns beyond which a line with commas is body text
LONG_FRAGMENT = 24  # chars beyond which a line without punctuation is not a heading
TITLE_LOOKAHEAD = 3  # title lines that may stand between a report heading and its lead
BIGRAM_SAMPLE = 2_000_000  # chars of the document used for bigram statistics
MIN_COLUMN_LINES = 20
MAX_TITLE_LINES = 2


class _Stats:
    """Document statistics that joining does not change (newlines are ignored)."""

    def __init__(self, text: str, widths: list[int]) -> None:
        sample = text[:BIGRAM_SAMPLE].replace("\n", "")
        self._sample = sample
        self._cache: dict[str, int] = {}
        self.column = _column_width(widths)

    def bigram(self, pair: str) -> int:
        count = self._cache.get(pair)
        if count is None:
            count = self._sample.count(pair)
            self._cache[pair] = count
        return count


def _column_width(widths: list[int]) -> int | None:
    """Width of a narrow text column when most unfinished lines share it, else None."""
    candidates = [w for w in widths if 20 <= w <= 40]
    if len(candidates) < MIN_COLUMN_LINES:
        return None
    counts = Counter(candidates)
    def around(width: int) -> int:
        return sum(counts[v] for v in range(width - 2, width + 3))

    best = max(counts, key=around)
    share = around(best)
    if share < MIN_COLUMN_LINES or share < 0.3 * len(widths):
        return None
    return best


class Paragraph:
    """The paragraph built so far, with the features joining needs kept up to date.

    Features are accumulated line by line (never recomputed over the whole paragraph), so a
    long paragraph costs linear time, and they ignore the line breaks, so the paragraph
    reads the same when normalised again as one line.
    """

    __slots__ = ("lines", "length", "width", "balance", "inner_ends", "commas", "clause_commas", "spaces")

    def __init__(self, line: str) -> None:
        self.lines: list[str] = []
        self.length = self.width = self.inner_ends = self.commas = self.clause_commas = self.spaces = 0
        self.balance = [0] * len(_PAIRS)
        self.add(line)

    def add(self, line: str) -> None:
        self.lines.append(line)
        self.length += len(line)
        self.width += display_width(line)
        for index, (open_, close) in enumerate(_PAIRS):
            self.balance[index] += line.count(open_) - line.count(close)
        self.inner_ends += len(_INNER_END.findall(line))
        self.commas += len(_COMMA.findall(line))
        self.clause_commas += len(_CLAUSE_COMMA.findall(line))
        self.spaces += line.count(" ")

    @property
    def last_line(self) -> str:
        return self.lines[-1]

    def text(self) -> str:
        return "".join(self.lines)

    def short_text(self) -> str | None:
        """The whole paragraph when it is short enough to be a structural line, else None."""
        return self.text() if self.length <= 60 else None


def should_join(
    paragraph: Paragraph, nxt: str, after_unit: bool, stats: _Stats, next_is_title: bool = False
) -> bool:
    """Whether the line `nxt` continues `paragraph`.

    `next_is_title` says that `nxt` heads a news report (a by-line or lead follows it
    within a few short lines), so it must stay a line of its own.
    """
    last = paragraph.last_line
    if ends_sentence(last) or not nxt or next_is_title:
        return False
    short = paragraph.short_text()
    if short is not None and kinds.is_structural(short):
        return False
    if kinds.is_structural(nxt) or kinds.starts_report(nxt):
        return False
    if nxt[0] in "“‘《（(" and last[-1] in "”’》）)":
        return False  # a quoted heading after a quoted heading
    if any(value > 0 for value in paragraph.balance):
        return True  # an unclosed quote or bracket
    if paragraph.inner_ends or _FUNCTION_END.search(last):
        return True
    if paragraph.width >= LONG_LINE and paragraph.clause_commas:
        return True
    if not after_unit and not paragraph.spaces and paragraph.length >= LONG_FRAGMENT:
        return True  # too long for a heading: a sentence cut by the page
    if (
        not paragraph.spaces
        and is_cjk(last[-1])
        and is_cjk(nxt[0])
        and stats.bigram(last[-1] + nxt[0]) - 1 >= MIN_BIGRAM
    ):
        return True
    column = stats.column
    if column is not None and column - 6 <= display_width(last):
        if after_unit and len(paragraph.lines) == 1 and not paragraph.commas:
            # a title right after its unit line: join only a visibly cut title
            return paragraph.width <= column + 4 and display_width(nxt) <= column // 2
        return True
    return False


def _next_heading_run(run: int, paragraph: Paragraph, column: int | None) -> int:
    """Heading context: a unit line opens it; a title line that may be cut keeps it open.

    A title wider than the text column was set on its own line and is complete, so the
    line after it starts the body.
    """
    short = paragraph.short_text()
    if short is not None and kinds.is_unit_line(short):
        return MAX_TITLE_LINES
    if not run or paragraph.length > 40 or paragraph.inner_ends:
        return 0
    if column is not None and paragraph.width > column + 4:
        return 0
    return run - 1


def _title_like(line: str) -> bool:
    return len(line) <= 40 and not ends_sentence(line) and not _INNER_END.search(line)


def _report_titles(lines: list[str]) -> list[bool]:
    """For each line: is it a title line of a news report (a lead or by-line follows)?"""
    titles = [False] * len(lines)
    distance = TITLE_LOOKAHEAD + 1  # title-like lines between here and the next lead
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        if kinds.starts_report(line) or kinds.is_byline(line):
            distance = 0
            continue
        if _title_like(line) and distance < TITLE_LOOKAHEAD:
            titles[index] = True
            distance += 1
        else:
            distance = TITLE_LOOKAHEAD + 1
    return titles


def apply(text: str, offsets: array) -> tuple[str, array, list[RepairFlag]]:
    matches = list(_LINE.finditer(text))
    widths = [display_width(m.group()) for m in matches if not ends_sentence(m.group())]
    stats = _Stats(text, widths)
    titles = _report_titles([m.group() for m in matches])
    rewriter = Rewriter(text, offsets)
    paragraph: Paragraph | None = None
    heading_run = 0  # > 0 while the lines just emitted are a unit heading and its title
    previous_end = 0
    for position, match in enumerate(matches):
        line = match.group()
        if paragraph is None:
            rewriter.skip(match.start())  # leading blank lines
            paragraph = Paragraph(line)
        elif should_join(paragraph, line, heading_run > 0, stats, titles[position]):
            rewriter.copy(previous_end)
            rewriter.skip(match.start())
            if _ASCII_WORD.match(paragraph.last_line[-1]) and _ASCII_WORD.match(line[0]):
                rewriter.insert(" ", rewriter.raw(previous_end))
                line = " " + line
            paragraph.add(line)
        else:
            rewriter.copy(previous_end + 1)  # keep one newline
            rewriter.skip(match.start())
            heading_run = _next_heading_run(heading_run, paragraph, stats.column)
            paragraph = Paragraph(line)
        previous_end = match.end()
    rewriter.copy(previous_end)
    rewriter.skip(len(text))  # trailing blank lines
    new_text, new_offsets = rewriter.finish()
    return new_text, new_offsets, []


__all__ = ["apply", "should_join", "NAME"]
