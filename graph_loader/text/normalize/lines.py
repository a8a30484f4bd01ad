"""Line classifiers shared by line joining and the segmenter.

What a line *is* (a unit heading, a by-line, a chronicle date, a table-of-contents entry,
a photo caption) decides both whether it may be glued to its neighbour and where an
article starts, so the two stages must agree; hence one module.
"""

from __future__ import annotations

import re

from graph_loader.reference.charclass import CJK
from graph_loader.reference.lexicon import heading_union_suffixes

# Suffixes of the places a sketch heading may name instead of its union.
CARRIER_SUFFIXES = (
    "小镇",
    "开发区",
    "实验区",
    "集聚区",
    "功能区",
    "园区",
    "产业园",
    "工业园",
    "创意园",
    "商圈",
    "商务区",
    "商务圈",
    "服务中心",
    "时尚港",
    "大街",
    "码头",
    "市场群",
    "产业链”",
    "礼品城",
    "街道",
)
_ADMIN = re.compile(r"[市县区省]|^浙江|^[^ ]{2,4}(?:经济|工业|国际)")
_NAME_MARKER = re.compile(
    r"[市县区省镇乡村园城港州]|中心|集团|公司|浙江|中国|产业|行业|企事业|建材|系统|机关"
)
_TITLE_VERB = re.compile(
    r"^(?:打造|构建|推进|推动|探索|创新|做强|助推|建设|建立|不断|持续|全力|加强|深化|围绕|聚焦)"
)
_SENTENCE_PUNCT = re.compile(r"[。，,；;：:！？!?]")
_UNIT_CHARS = re.compile(rf"^[{CJK}0-9A-Za-z()（）·\-“”]+$")

_BYLINE_ROLE = re.compile(r"^(?:本报讯|特约记者|记者|通讯员|实习生)")
_LEAD = re.compile(r"^(?:本报讯|(?:特约记者|记者|通讯员)[^。，,]{1,30}报道)")
DATELINE = re.compile(r"^\d{1,2}月\d{1,2}日$|^\d{4}年\d{1,2}月\d{1,2}日$|^\d{1,2}月[—\-–]\d{1,2}月$")
LIST_ITEM = re.compile(r"^(?:- )?\d{1,3} ")
CAPTION = re.compile(r"^[（(].*[）)]$|^.{0,30}摄$")


def is_union_name(text: str) -> bool:
    """Ends like a union body (…工会, …总工会, …联合工会, …工会联合会, …工会小组)."""
    return text.endswith(heading_union_suffixes())


def is_unit_line(line: str) -> bool:
    """A heading line that is just the name of a unit: a union, or a place with a union.

    Short, no sentence punctuation, made of name characters, and ending in a union suffix
    or (when it names an administrative area) a carrier suffix.
    """
    line = line.strip()
    if not 4 <= len(line) <= 32 or _SENTENCE_PUNCT.search(line) or not _UNIT_CHARS.match(line):
        return False
    if _TITLE_VERB.match(line):
        return False
    if is_union_name(line):
        # "打造创新创优的品牌工会" is a title that happens to end in 工会: a unit name
        # names a place or an organisation before its suffix.
        return bool(_NAME_MARKER.search(line[: -len("工会")]))
    return line.endswith(CARRIER_SUFFIXES) and bool(_ADMIN.search(line))


def is_byline(line: str) -> bool:
    """A by-line standing alone on its line (`记者 X`, `特约记者 X 潘仙德`, `通讯员X 摄`)."""
    line = line.strip()
    return len(line) <= 30 and bool(_BYLINE_ROLE.match(line)) and not _SENTENCE_PUNCT.search(line)


def starts_report(line: str) -> bool:
    """A news lead that opens a report: `本报讯 记者X报道 …`, `记者X 通讯员Y报道 …`."""
    return bool(_LEAD.match(line.strip()))


def is_dateline(line: str) -> bool:
    """A chronicle entry date standing alone on its line (`9月3日`)."""
    return bool(DATELINE.match(line.strip()))


def is_list_item(line: str) -> bool:
    """A table-of-contents entry (`- 10 杭州市…`, `01 点亮一盏灯`)."""
    return bool(LIST_ITEM.match(line.strip()))


def is_caption(line: str) -> bool:
    """A photo caption or credit (`（本版图片由…提供）`, `通讯员吕丹 摄`)."""
    return bool(CAPTION.match(line.strip()))


def is_structural(line: str) -> bool:
    """Lines that never join a neighbour: unit headings, by-lines, dates, TOC entries, captions."""
    checks = (is_unit_line, is_byline, is_dateline, is_list_item, is_caption)
    return any(check(line) for check in checks)
