"""Rule `spacing`: remove letter-spacing inside Chinese text.

Justified newspaper columns come out as `发 展 零 散 灵 活 就 业` and numbers as `2019 年`,
`上海港等 14 家`. Chinese has no word spaces, so these gaps are layout, not text; but a
space between two multi-character words in a heading (`点亮一盏灯 照亮一大片`) separates
title parts and a space between Latin words is a real word break — both are kept.

Two patterns are repaired:
- a run of single CJK characters separated by single spaces (`周 静` → `周静`);
- a space between a digit and a CJK character, either way (`2019 年` → `2019年`).
"""

from __future__ import annotations

import re
from array import array

from graph_loader.records import RepairFlag
from graph_loader.reference.charclass import CJK, is_cjk
from graph_loader.text.normalize.offsets import Rewriter

NAME = "spacing"

_TAB = re.compile("\t")
_SPACED_RUN = re.compile(rf"(?<![{CJK}])[{CJK}](?: [{CJK}](?![{CJK}]))+")
# Measure words and date/number suffixes that follow a number ("14 家", "2019 年"); a page
# number before a title ("10 杭州市…" in a table of contents) keeps its space.
MEASURES = (
    "年月日时分号家个人名位万亿千百十元次项条期届岁余多座所支场批件台辆米吨倍户"
    "栋幢层间处周天季度级星强佳大类组队节门款部本篇份套张只头亩"
)
_DIGIT_GAP = re.compile(rf"(?<=[0-9%]) (?=[{MEASURES}])|(?<=[{CJK}]) (?=[0-9])")


def _isolated(text: str, index: int) -> bool:
    """text[index] is a CJK char with no CJK neighbour on either side."""
    if not 0 <= index < len(text) or not is_cjk(text[index]):
        return False
    before = index > 0 and is_cjk(text[index - 1])
    after = index + 1 < len(text) and is_cjk(text[index + 1])
    return not before and not after


def apply(text: str, offsets: array) -> tuple[str, array, list[RepairFlag]]:
    rewriter = Rewriter(text, offsets)
    for match in _SPACED_RUN.finditer(text):
        for index in range(match.start(), match.end()):
            if text[index] == " ":
                rewriter.copy(index)
                rewriter.skip(index + 1)
    text, offsets = rewriter.finish()
    if "\t" in text:
        # A tab between two lone characters is letter-spacing too; any other tab separates
        # table cells (`姚慧\t徐前`) and becomes an ordinary space.
        rewriter = Rewriter(text, offsets)
        for match in _TAB.finditer(text):
            rewriter.copy(match.start())
            if _isolated(text, match.start() - 1) and _isolated(text, match.end()):
                rewriter.skip(match.end())
            else:
                rewriter.replace(match.end(), " ")
        text, offsets = rewriter.finish()
    rewriter = Rewriter(text, offsets)
    for match in _DIGIT_GAP.finditer(text):
        rewriter.copy(match.start())
        rewriter.skip(match.end())
    text, offsets = rewriter.finish()
    return text, offsets, []
