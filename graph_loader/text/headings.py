"""Heading fields of a piece: title, subtitle, unit, authors and stated date.

Why a module of its own: reading a heading block (by-line names, the union a title names,
which lines are title and subtitle) is a grammar of its own, independent of where the
pieces are cut (segment.py), and it is what the extractors rely on for `unit` and authors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph_loader.records import Author
from graph_loader.reference.charclass import CJK
from graph_loader.reference.gazetteer import gazetteer
from graph_loader.reference.lexicon import alternation, heading_union_suffixes
from graph_loader.text.dates import find_dates
from graph_loader.text.normalize import lines as kinds
from graph_loader.text.segment_lines import AUTHOR_LINE, FULL_DATE, SECTION_LABELS, Line, unit_title_split

ROLES = ("特约记者", "记者", "通讯员", "实习生")  # reporter roles of a by-line, longest first
MAX_SUBTITLE_LINES = 3  # a title block longer than this is a cover or a list, not a subtitle

_ROLE_SPLIT = re.compile("(" + "|".join(ROLES) + ")")  # 特约记者 before 记者
_NAME = re.compile(rf"^[{CJK}]{{2,4}}$")
_UNION_SUFFIX = re.compile(alternation(heading_union_suffixes()))
_NAME_CHARS = re.compile(rf"[{CJK}()（）·]+$")
_STRIP_BYLINE = re.compile(r"本报讯|报道|摄影|摄|■|□|\s")


def parse_authors(text: str) -> list[Author]:
    """Authors in a by-line: `本报讯 记者X 通讯员Y、Z报道`, `特约记者 王艳 潘仙德`."""
    head = text
    cut = head.find("报道")
    if 0 <= cut <= 60:
        head = head[:cut]
    parts = _ROLE_SPLIT.split(head)
    authors: list[Author] = []
    for position in range(1, len(parts) - 1, 2):
        role = parts[position]
        chunk = parts[position + 1]
        for token in re.split(r"[、，, ]+", chunk.strip()):
            name = _STRIP_BYLINE.sub("", token)
            if _NAME.match(name):
                authors.append(Author(name=name, role=role))
    return authors


def find_unit(text: str) -> str:
    """The union named in a title: `干货满满杭州西湖区总工会` → `杭州西湖区总工会`."""
    for match in _UNION_SUFFIX.finditer(text):
        prefix_match = _NAME_CHARS.search(text[: match.start()])
        if not prefix_match:
            continue
        prefix = prefix_match.group()
        # a unit name starts at the province or a city (gazetteer().name_starts)
        starts = [prefix.find(place) for place in gazetteer().name_starts if place in prefix]
        if starts:
            return prefix[min(starts) :] + match.group()
        if len(prefix) >= 2 and prefix[-1] in "市县区镇":
            return prefix + match.group()  # an unlisted county: 安吉县总工会
    return ""


@dataclass
class Heading:
    title: str = ""
    subtitle: str = ""
    unit: str = ""
    authors: tuple[Author, ...] = ()
    stated_date: str = ""


def join_title(parts: list[str]) -> str:
    return "".join(parts).strip()


def read_heading(lines: list[Line], trailing: bool) -> Heading:
    """Title, subtitle, unit, authors and stated date from a piece's heading lines."""
    heading = Heading()
    titles: list[str] = []
    authors: list[Author] = []
    for line in lines:
        text = line.text.strip()
        if line.kind == "byline" or (line.kind == "body" and kinds.starts_report(text)):
            authors.extend(parse_authors(text))
        elif line.kind == "names":
            authors.extend(Author(name=name, role="作者") for name in text.split())
        elif line.kind == "author":
            match = AUTHOR_LINE.match(text)
            if match:
                authors.append(Author(name=match.group("name"), role="作者"))
        elif line.kind == "date" and FULL_DATE.match(text) and line.index - lines[0].index <= 3:
            found = find_dates(text)
            heading.stated_date = heading.stated_date or (found[0].value if found else "")
        elif line.kind == "unit_title":
            split = unit_title_split(text)
            assert split is not None
            heading.unit = heading.unit or split[0]
            titles.extend(split)
        elif line.kind == "unit":
            trimmed = find_unit(text)  # 干货满满杭州西湖区总工会 → 杭州西湖区总工会
            heading.unit = heading.unit or (trimmed if trimmed and text.endswith(trimmed) else text)
            titles.append(text)
        elif line.kind in ("label", "heading"):
            titles.append(text)
    heading.authors = tuple(dict.fromkeys(authors))
    if titles:
        if trailing and heading.unit and titles[0] == heading.unit and len(titles) > 1:
            heading.title = titles[1]
            heading.subtitle = join_title(titles[2:])
        elif titles[0].startswith("目录"):
            heading.title = titles[0]  # the entries are not a subtitle
        else:
            heading.title = titles[0]
            rest = titles[1 : 1 + MAX_SUBTITLE_LINES]
            heading.subtitle = " ".join(rest) if titles[0] in SECTION_LABELS else join_title(rest)
    if not heading.unit:
        heading.unit = find_unit(heading.title) or find_unit(heading.subtitle)
    return heading
