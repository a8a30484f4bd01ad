"""Cut a normalised document into articles: title, unit, by-line, date, kind and spans.

A page or an issue holds many pieces, and every later fact must point at the piece that
states it, so the boundaries matter. Two layouts occur:

* Leading headings (the magazine, most newspaper pages): a heading block — one or more
  short lines without sentence punctuation — opens each piece. Not every heading block is
  an article (reports have sub-headings), so a block starts an article only on evidence:
  an end mark (`**1**`, `■`) just before it, a unit name heading it, a by-line or a news
  lead (`本报讯 记者X报道`) right after it, a section label (卷首语, 目录, 大事记, 后记), …
* Trailing headings (project-blurb pages such as 2022-reform-projects): each blurb body is
  followed by its unit line and project title. Which layout a page uses is decided by
  whether unit names echo the text before or after them.

Line classes come from `segment_lines` (and `normalize.lines`, shared with line joining);
heading fields are read by `headings`.
"""

from __future__ import annotations

from bisect import bisect_left

from graph_loader.records import Article, NormalizedDocument
from graph_loader.text.dates import find_dates
from graph_loader.text.headings import Heading, read_heading
from graph_loader.text.normalize import lines as kinds
from graph_loader.text.normalize.marks import end_mark_positions
from graph_loader.text.segment_awards import award_pieces
from graph_loader.text.segment_lines import HEADING_KINDS, Line, split_lines

NEWS_OPENERS = ("日前", "近日", "本报讯")
MIN_BOLD_RATIO = 1.7  # raw chars per normalised char in a paragraph printed doubled (bold)


# --------------------------------------------------------------------------- layout


def _distinct_bigrams(unit: str) -> set[str]:
    generic = {"工会", "总工", "市总", "县总", "区总", "联合", "合会", "合工", "会联", "小组", "会小"}
    return {unit[i : i + 2] for i in range(len(unit) - 1)} - generic


def is_trailing_layout(lines: list[Line], text: str) -> bool:
    """True when unit lines close their piece (blurb pages) rather than open it.

    For each unit line followed by a title, count how many of the unit's distinctive
    bigrams occur in the text just before it and just after its title; a page whose
    units echo what precedes them puts headings after the body.
    """
    before = after = votes = 0
    for position, line in enumerate(lines):
        if line.kind != "unit":
            continue
        nxt = lines[position + 1] if position + 1 < len(lines) else None
        if nxt is None or nxt.kind != "heading":
            continue
        grams = _distinct_bigrams(line.text)
        title_end = nxt.end
        preceding = text[max(0, line.start - 300) : line.start]
        following = text[title_end : title_end + 300]
        before += sum(1 for gram in grams if gram in preceding)
        after += sum(1 for gram in grams if gram in following)
        votes += 1
    return votes >= 3 and before > after


# --------------------------------------------------------------------------- leading layout


def _blocks(lines: list[Line]) -> list[tuple[int, int]]:
    """Runs [i, j) of heading-class lines."""
    blocks = []
    i = 0
    while i < len(lines):
        if lines[i].kind in HEADING_KINDS:
            j = i
            while j < len(lines) and lines[j].kind in HEADING_KINDS:
                j += 1
            blocks.append((i, j))
            i = j
        else:
            i += 1
    return blocks


def _leading_starts(lines: list[Line], marks: list[int]) -> list[int]:
    """Indices of lines that open an article, for pages with headings before the body."""
    starts = {0} if lines else set()
    marks = sorted(marks)
    in_toc = False
    previous_block = 0  # end of the previous heading block
    for i, j in _blocks(lines):
        block = lines[i:j]
        before = i - 1
        while before >= 0 and lines[before].kind in ("caption", "signature"):
            before -= 1  # a source note or signature closes the previous piece
        previous_end = lines[before].end if before >= 0 else -1
        body = lines[j] if j < len(lines) else None
        score = 0
        if _mark_between(marks, previous_end, block[0].start + 1):
            score += 2
        if block[0].kind in ("unit", "unit_title", "label"):
            score += 2
        after = lines[j : j + 2]
        if any(line.kind in ("byline", "author", "names") for line in block) or any(
            kinds.starts_report(line.text) for line in after
        ):
            score += 2  # a by-line, or a news lead (maybe after a photo caption)
        if body is not None and body.text.startswith(NEWS_OPENERS):
            score += 2
        if j - i >= 3:
            score += 1
        if any("工会" in line.text for line in block):
            score += 1
        if all(line.kind == "date" for line in block):
            score = 0  # a chronicle entry
        if in_toc and any(line.kind == "body" and len(line.text) > 60 for line in lines[previous_block:i]):
            in_toc = False  # real body text: the table of contents is over
        if score >= 2 and not in_toc:
            starts.add(i)
        inner, in_toc = _inner_starts(lines, i, j, in_toc or block[0].text.startswith("目录"))
        starts.update(inner)
        previous_block = j
    return sorted(starts)


def _mark_between(marks: list[int], low: int, high: int) -> bool:
    """Is there an end mark at a position in [low, high]? (`marks` sorted)"""
    index = bisect_left(marks, low)
    return index < len(marks) and marks[index] <= high


def _inner_starts(lines: list[Line], i: int, j: int, in_toc: bool) -> tuple[list[int], bool]:
    """Article starts inside one long heading block; returns them and the TOC state.

    A table of contents is one long heading block whose entries include section labels
    (卷首语, 大事记, 后记) that must not start articles; it ends where a report heading with
    a by-line follows it, which starts the next article two lines above the by-line.
    """
    found = []
    current = i
    for k in range(i + 1, j):
        line = lines[k]
        if line.kind == "label" and line.text.startswith("目录"):
            found.append(k)
            current = k
            in_toc = True
        elif line.kind == "label" and not in_toc and lines[k - 1].kind != "unit":
            found.append(k)
            current = k
        elif line.kind == "byline" and k - current > 3:
            start = max(current + 1, k - 2)
            found.append(start)
            current = start
            in_toc = False
    return found, in_toc


# --------------------------------------------------------------------------- trailing layout


def _trailing_groups(lines: list[Line]) -> list[tuple[int, int]]:
    """(unit line index, index after its title lines) for every unit heading."""
    groups = []
    for position, line in enumerate(lines):
        if line.kind not in ("unit", "unit_title"):
            continue
        end = position + 1
        while end < len(lines) and end - position <= 2 and lines[end].kind == "heading":
            end += 1
        groups.append((position, end))
    return groups


def _is_bold(doc: NormalizedDocument, line: Line) -> bool:
    raw_start, raw_end = doc.raw_span(line.start, line.end)
    return len(line.text) >= 10 and (raw_end - raw_start) >= MIN_BOLD_RATIO * len(line.text)


def _trailing_pieces(doc: NormalizedDocument, lines: list[Line]) -> list[tuple[int, int, str]]:
    """(first line, end line, kind) of every piece of a blurb page."""
    groups = _trailing_groups(lines)
    pieces: list[tuple[int, int, str]] = []
    cursor = 0
    first_body = next((k for k, line in enumerate(lines) if line.kind == "body"), len(lines))
    if groups and first_body < groups[0][0] and first_body > 0:
        pieces.append((0, first_body, "headline"))
        cursor = first_body
    for unit_index, end in groups:
        # bold paragraphs at the start of a piece are the page lead, printed doubled
        lead_end = cursor
        while lead_end < unit_index and lines[lead_end].kind == "body" and _is_bold(doc, lines[lead_end]):
            lead_end += 1
        if lead_end > cursor:
            pieces.append((cursor, lead_end, "lead"))
            cursor = lead_end
        while end < len(lines) and lines[end].kind == "caption":
            end += 1
        pieces.append((cursor, end, "blurb"))
        cursor = end
    if cursor < len(lines):
        pieces.append((cursor, len(lines), "article"))
    return pieces


def _kind_of(heading: Heading, piece_lines: list[Line], doc_kind: str, trailing_kind: str | None) -> str:
    first = heading.title
    if first.startswith("目录"):
        return "toc"
    if any("大事记" in line.text for line in piece_lines[:3]):
        return "chronicle"
    if first.startswith(("后记", "编后记")):
        return "afterword"
    if trailing_kind in ("blurb", "entry"):
        return trailing_kind
    if "magazine" in doc_kind:
        has_byline = any(line.kind in ("byline", "author") for line in piece_lines[:4])
        if has_byline:
            return "report"
        if piece_lines and piece_lines[0].kind in ("unit", "unit_title"):
            return "sketch"
    return "article"


# --------------------------------------------------------------------------- entry point


def segment(doc: NormalizedDocument) -> list[Article]:
    """Articles of one normalised document, in reading order, covering all its text."""
    text = doc.text
    lines = split_lines(text)
    if not lines:
        return []
    trailing = is_trailing_layout(lines, text)
    pieces: list[tuple[int, int, str | None]]
    if trailing:
        pieces = list(_trailing_pieces(doc, lines))
    else:
        marks = end_mark_positions(doc.source.raw_text, doc.offsets)
        awards = award_pieces(lines) or []
        list_start = awards[0][0] if awards else len(lines)
        starts = [k for k in _leading_starts(lines, marks) if k < list_start]
        kinds_at: dict[int, str | None] = {k: None for k in starts}
        signed = {index: unit for index, _kind, unit in awards if unit}
        kinds_at.update({index: kind for index, kind, _unit in awards})
        bounds = [*sorted(kinds_at), len(lines)]
        pieces = [(bounds[k], bounds[k + 1], kinds_at[bounds[k]]) for k in range(len(bounds) - 1)
                  if bounds[k] < bounds[k + 1]]
    articles: list[Article] = []
    headline: Heading | None = None
    for first, last, piece_kind in pieces:
        piece_lines = lines[first:last]
        if not piece_lines:
            continue
        unit_pos = next((k for k, line in enumerate(piece_lines) if line.kind in ("unit", "unit_title")), -1)
        if not trailing and first in signed:
            heading = Heading(title=signed[first], unit=signed[first])  # a blurb signed ——X总工会
        elif not trailing and piece_kind in ("entry", "blurb") and unit_pos >= 0:
            heading = read_heading(_heading_lines(piece_lines[unit_pos:]), trailing=True)
        elif piece_kind == "blurb":
            heading = read_heading(piece_lines[unit_pos:], trailing=True)
        elif piece_kind == "lead" and headline is not None:
            heading = Heading(title=headline.title, subtitle=headline.subtitle, unit=headline.unit)
        else:
            head_lines = _heading_lines(piece_lines)
            heading = read_heading(head_lines, trailing=False)
            if piece_kind == "headline":
                headline = heading
        start, end = piece_lines[0].start, piece_lines[-1].end
        raw_start, raw_end = doc.raw_span(start, end)
        date = heading.stated_date or doc.source.date
        article_text = text[start:end]
        articles.append(
            Article(
                doc_id=doc.source.id,
                index=len(articles),
                title=heading.title or piece_lines[0].text.strip()[:40],
                text=article_text,
                start=start,
                end=end,
                raw_start=raw_start,
                raw_end=raw_end,
                date=date,
                date_basis="stated" if heading.stated_date else "publication",
                subtitle=heading.subtitle,
                unit=heading.unit,
                kind=_kind_of(heading, piece_lines, doc.source.kind, piece_kind),
                authors=heading.authors,
                dates=tuple(find_dates(article_text, date)),
            )
        )
    return articles


def _heading_lines(piece_lines: list[Line]) -> list[Line]:
    """The heading block of a piece plus a news lead right after it (for its by-line)."""
    head = []
    for line in piece_lines:
        if line.kind in HEADING_KINDS:
            head.append(line)
            continue
        if kinds.starts_report(line.text):
            head.append(line)
        break
    return head

