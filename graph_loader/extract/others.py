"""Mass organisations, government bodies, enterprises and alliances (unscored, relation ends).

Why: ADOPTS/OPERATES/PARTNERS_WITH/MEMBER_OF can have these as ends, and a practice done by a
团委 or 管委会 must be attributed to it rather than to the union (gold-format conventions).
"""

from __future__ import annotations

import functools
import re

from graph_loader.extract.base import Mention
from graph_loader.reference.charclass import CJK_CLASS
from graph_loader.reference.lexicon import ALLIANCE, ENTERPRISE, GOVERNMENT, MASS, org_grammar, suffix_regex
from graph_loader.reference.names import name_start, strip_brackets
from graph_loader.reference.towns import TOWN_START


@functools.cache
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    g = org_grammar()
    return [
        (ALLIANCE, suffix_regex(g["alliance_suffixes"])),
        (MASS, suffix_regex(g["mass_suffixes"])),
        (GOVERNMENT, suffix_regex(g["government_suffixes"])),
        (ENTERPRISE, suffix_regex(g["enterprise_suffixes"])),
    ]


_GENERIC = {"", "各", "该", "有关", "相关", "各级", "企业", "基层", "社会", "行业",
            "区", "县", "市", "省", "镇", "小镇", "园区"}
_MIN_CORE = {ALLIANCE: 2, MASS: 1, GOVERNMENT: 2, ENTERPRISE: 2}
# Words ending in 局 that are no bureau (拉开…大格局, 优化布局).
_NOT_BUREAU = {"格局", "布局", "结局", "全局", "大局", "开局", "出局", "时局", "政局", "变局", "新局", "破局",
               "僵局", "终局", "残局", "棋局", "骗局", "饭局", "当局", "胜局", "定局"}
_PREPOSITIONS = set("在于到从向对由与和把将")


def find_others(text: str) -> list[Mention]:
    out: list[Mention] = []
    taken = bytearray(len(text) + 1)  # characters of the names found so far (a map, not a scan)
    for etype, pattern in _patterns():
        for m in pattern.finditer(text):
            if taken[m.start()]:
                continue
            follows = text[m.end():m.end() + 2]
            if etype == ENTERPRISE and m.group(0) in {"集团", "公司"} and follows in {"工会", "党委"}:
                continue
            if etype == GOVERNMENT and m.group(0) == "局" and (
                    follows[:1] in {"面", "势", "限", "部"} or text[m.start() - 1:m.end()] in _NOT_BUREAU):
                continue  # 局面, 局势, 格局, 布局 are words, not bureaus
            if etype == GOVERNMENT and m.group(0) in {"局", "厅", "办公室"} and m.start() > 0 and \
                    not re.search(CJK_CLASS + "{2,}$", text[max(0, m.start() - 6):m.start()]):
                continue
            start, _ = name_start(text, m.start())
            if text[start:start + 1] in _PREPOSITIONS and TOWN_START.match(text[start + 1:m.start()]):
                start += 1  # 在章镇镇人民政府: the town is 章镇镇; 在 is the preposition before it
            if start > 0 and text[start - 1].isdigit() and text[start] in "家个所批":
                start += 1  # 5家劳模工匠创新工作室联盟: the count's classifier is not part of the name
            core = strip_brackets(text[start:m.start()])
            if core.startswith("一") or core.endswith("性"):
                continue  # 这一区域性联盟, 综合性协会: a description, not a name
            if core in _GENERIC or len(core) < _MIN_CORE[etype]:
                if not (etype == MASS and m.group(0) in {"共青团", "工商联"}):
                    continue
            if text[m.end():m.end() + 2] in {"工会", "党委", "党工", "主任", "书记"} and etype != GOVERNMENT:
                continue
            out.append(Mention(etype, strip_brackets(text[start:m.end()]), start, m.end()))
            taken[start:m.end()] = b"\x01" * (m.end() - start)
    return out
