"""The PDF layout rules on hand-made pages (no PDF, no browser): overprints, column order,
running headers and page numbers, line joining, the page map and evidence pages end to end
through the writer's rows and the views' evidence items."""

from __future__ import annotations

from graph_loader.neo4j.rows import GraphRows
from graph_loader.records import Article, ArticleExtraction, Entity, Evidence, SourceDocument
from graph_loader.text.pages import page_at, with_pages
from graph_loader.text.pdf import layout_text
from graph_loader.text.pdf_layout import Glyph, dedupe, glyph
from visualizations.model import evidence_item

SIZE = 10.0


def line(text: str, x: float, top: float, size: float = SIZE, step: float | None = None) -> list[Glyph]:
    """Glyphs of `text` set from `x` on a line at `top`, one em apart (or `step`)."""
    step = size if step is None else step
    return [glyph(ch, x + i * step, x + i * step + size, top, top + size, size) for i, ch in enumerate(text)]


def page(*lines: list[Glyph]) -> list[Glyph]:
    return [g for part in lines for g in part]


def test_an_overprinted_glyph_counts_once_but_a_real_repeat_twice() -> None:
    heading = line("联合工会", 100, 50)
    ghost = line("联合工会", 100.2, 50.1)
    assert "".join(g.text for g in dedupe([*heading, *ghost])) == "联合工会"
    assert "".join(g.text for g in dedupe(line("推行行业", 100, 80))) == "推行行业"  # 行行 side by side


def test_radicals_become_the_ideographs_they_draw() -> None:
    assert "".join(g.text for g in line("⼯会⻓兴⼾外", 0, 0)) == "工会长兴户外"


def test_columns_are_read_left_then_right_and_lines_are_joined() -> None:
    """Lines at the same height in two columns: the left column first, and a paragraph that runs
    on into the right column (its last left line is full, the next not indented) stays one."""
    left = page(line("甲乙丙丁", 50, 100), line("戊己庚辛", 50, 115))
    right = page(line("子丑寅卯", 200, 100), line("辰巳。", 200, 115), line("未申", 220, 130))
    assert layout_text([page(left, right)]).text == "甲乙丙丁戊己庚辛子丑寅卯辰巳。\n\n未申"


def test_an_indented_line_or_a_short_line_ends_a_paragraph() -> None:
    body = page(
        line("一二三四五六", 50, 100),
        line("七八。", 50, 115),
        line("九十一二三四", 50, 130),
        line("五六七八九", 70, 145),
        line("十一二三", 50, 160),
    )
    assert layout_text([body]).text == "一二三四五六七八。\n\n九十一二三四\n\n五六七八九十一二三"


def test_latin_words_broken_over_lines_keep_their_space() -> None:
    assert layout_text([page(line("union", 50, 100, step=6), line("reform", 50, 115, step=6))]).text == "union reform"
    assert layout_text([page(line("工会", 50, 100), line("主席", 50, 115))]).text == "工会主席"


def test_running_headers_and_page_numbers_are_dropped_across_pages() -> None:
    def one(number: str, first: str) -> list[Glyph]:  # a paragraph: an indented line, a full one
        body = page(line(first, 70, 100), line("接续正文完。", 50, 115))
        return page(line("浙江工运第3期", 80, 20, size=8), body, line(number, 120, 400, size=8))

    result = layout_text([one("1", "第一页起"), one("2", "第二页起")])
    assert result.text == "第一页起接续正文完。\n\n第二页起接续正文完。"
    assert result.page_starts == (0, len("第一页起接续正文完。\n\n"))


def test_a_lone_page_keeps_its_header_but_not_its_page_number() -> None:
    result = layout_text([page(line("浙江工运", 80, 20, size=8), line("正文。", 50, 100), line("- 7 -", 120, 400))])
    assert result.text == "浙江工运\n\n正文。"


def test_page_at_maps_offsets_to_pages() -> None:
    assert [page_at((0, 10, 10, 25), offset) for offset in (0, 9, 10, 24, 25, 99)] == [1, 1, 3, 3, 4, 4]
    assert page_at((), 5) is None


def _evidence(raw_start: int) -> Evidence:
    return Evidence("doc", "doc#000", raw_start, raw_start + 3, "工会。", "2020")


def test_evidence_gets_its_page_and_keeps_it_to_the_writer_and_the_views() -> None:
    source = SourceDocument("doc", "doc.pdf", "x" * 40, "0", "pdf", page_starts=(0, 20))
    article = Article("doc", 0, "t", "", 0, 40, 0, 40, "2020")
    extraction = ArticleExtraction(article, [Entity("Person", "王丽萍", evidence=[_evidence(3), _evidence(25)])])
    paged = with_pages(extraction, source)
    assert [ev.page for ev in paged.entities[0].evidence] == [1, 2]
    assert extraction.entities[0].evidence[0].page is None  # a new record, the input untouched
    text_doc = SourceDocument("doc", "doc.txt", "x" * 40, "0", "utf-8")
    assert with_pages(extraction, text_doc) is extraction
    row = GraphRows().evidence_row("k", paged.entities[0].evidence[1])
    assert row["page"] == 2
    assert "page" not in GraphRows().evidence_row("k", _evidence(3))  # text documents store none
    assert evidence_item({"quote": "工会。", "page": 2})["page"] == 2
