"""Brands defined by their context rather than by the shape of their name.

Why apart from brands.py: the name tests there look at the quote and the few characters glued
to it; these read the clause around it — a venue that is built and counted (建成“暖心港湾”42个,
走进一间“暖蜂巢”), or a sentence that defines the name as a brand or project (“X”是…推出的…品牌,
推出“工匠课堂”提能强素项目). Such a context makes a quote a brand even when its name is a plain
practice word, since the text says an organisation runs it under that name.
"""

from __future__ import annotations

import functools
import re

from graph_loader.reference.charclass import CJK_CLASS
from graph_loader.reference.lexicon import alternation, brand_grammar

_NUM = r"[0-9一二三四五六七八九十两百千多余几]+"


@functools.cache
def _res() -> dict[str, re.Pattern[str]]:
    g = brand_grammar()
    measures = "".join(g["venue_measures"])
    build = alternation(g["build_verbs"])
    launch = alternation(g["before_verbs"])
    nouns = alternation(g["defining_nouns"])
    return {
        # 建成“X”42个 / 建起“X”，目前已有15家
        "count_after": re.compile(rf"^[”\"」』]?\s*(?:[，,]?[^。；;，,\n]{{0,6}}?(?:已有|已达|共|累计))?"
                                  rf"\s*{_NUM}\s*[{measures}]"),
        "build_before": re.compile(rf"({build})[了起]?[^。；;\n“”]{{0,12}}$"),
        # “X”联谊已经办了12期: a standing programme counted in its runs
        "runs_after": re.compile(rf"^[”\"」』]?[^。；;，,\n“”]{{0,6}}?(?:已经|已)?(?:{alternation(g['run_verbs'])})"
                                 rf"(?:了|到第|至第)?\s*{_NUM}\s*[{''.join(g['run_measures'])}]"),
        # 走进一间“X”, 这家“X”
        "measure_before": re.compile(rf"(?:一|这|那|每)[{measures}]$"),
        # “X”是…推出的…品牌 / “X”是…打造的…项目
        "defined_after": re.compile(rf"^[”\"」』]?\s*(?:是|为|系)[^。；;\n“”]{{0,24}}?(?:{launch})的"
                                    rf"[^。；;\n“”]{{0,10}}?({nouns})"),
        # 推出“X”提能强素项目 / 打造“X”服务品牌
        "launch_before": re.compile(rf"({launch})了?$"),
        "noun_after": re.compile(rf"^[”\"」』]?[^。；;，,\n“”]{{0,6}}?({nouns})"),
        # “X”(信息港小镇团委): a nickname of the body named in brackets
        "org_gloss": re.compile(rf"[”\"」』]?\s*[（(][^（()）\n]{{0,24}}?({alternation(g['org_gloss_heads'])})[）)]"),
    }


def counted_venue(text: str, start: int, end: int) -> bool:
    """The quote at [start, end) (marks included) is a venue that is built and counted, or that a
    measure word introduces (一间“X”), or a programme counted in its runs (“X”联谊已经办了12期)."""
    r = _res()
    before = text[max(0, start - 20):start]
    clause = re.split(r"[。；;\n]", before)[-1]
    if r["measure_before"].search(clause) or r["runs_after"].match(text[end:end + 20]):
        return True
    return bool(r["count_after"].match(text[end:end + 16])) and bool(r["build_before"].search(clause))


def defined_brand(text: str, start: int, end: int, venue_like: bool = True) -> bool:
    """The sentence defines the quote as a brand or project that an organisation launched
    (“X”是…推出的…品牌); or launches it as a project (推出“X”…项目), which counts only for a name
    that reads as a venue or service (`venue_like`: 工匠课堂), since 打造“创业园区”品牌 is a motto."""
    r = _res()
    after = text[end:end + 40]
    if r["defined_after"].match(after):
        return True
    before = re.split(r"[。；;\n，,]", text[max(0, start - 8):start])[-1]
    return venue_like and bool(r["launch_before"].search(before)) and bool(r["noun_after"].match(after))


_DEFINER = re.compile(r"[”\"」』]?\s*(?:是|为|系)")


def definer_start(text: str, end: int) -> int:
    """Where the body that a definition names starts (“X”是<Y>为…打造的…品牌: Y launched X), or -1
    when the name ending at `end` is not so defined; the caller checks that a body stands there."""
    found = _DEFINER.match(text, end)
    if found is None or not _res()["defined_after"].match(text[end:end + 40]):
        return -1
    return found.end()


def planned(text: str, pos: int) -> bool:
    """A brand still to be built (拟打造“X”、“Y”, 计划建设) is not named yet."""
    clause = re.split(r"[，,。；;\n]", text[max(0, pos - 30):pos])[-1]
    return bool(re.search(r"(拟|计划|将要|准备|筹备)", clause))


def subject_quote(text: str, start: int, end: int) -> bool:
    """A quoted name that opens a paragraph and runs activities (“亲青帮”开展…) is a programme."""
    after = re.sub(r"\s+", "", text[end:end + 16])[:8]
    return (start == 0 or text[start - 1] in "\n。；") and bool(re.match(r"(开展|举办|自\d{4}年)", after))


def short_glued(name: str, glue: str) -> bool:
    """A two- or three-character quote with a venue or team noun phrase glued after it (“青禾”攻关队,
    “白鹭”劳动争议调解工作室) is one name with it: the short word alone names nothing."""
    g = brand_grammar()
    return bool(glue) and len(name) <= g["glue_short_max"] and bool(re.fullmatch(CJK_CLASS + "+", name)) \
        and not glue.endswith(tuple(g["glue_short_not"]))


def org_gloss(text: str, end: int) -> bool:
    """The quote ending at `end` is glossed in brackets as an organisation (“e港青友”(…团委)): it is
    the body's nickname, not a brand that the body runs."""
    return bool(_res()["org_gloss"].match(text, end))
