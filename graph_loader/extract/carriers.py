"""Carrier mentions (特色小镇, 园区/开发区, 商圈/楼宇, 市场) from a suffix grammar.

Why: carriers are the new-economy places that regional unions cover; their names end in a
small set of suffixes that also give `carrierType`. A carrier named inside a union's name
(梦想小镇工会联合会) is a carrier mention too: that is how COVERS is usually stated.
"""

from __future__ import annotations

import functools
import re

from graph_loader.extract.base import Mention
from graph_loader.extract.gazetteer import gazetteer
from graph_loader.extract.lexicon import CARRIER, carrier_grammar, suffix_regex
from graph_loader.extract.names import name_start, strip_brackets

# A carrier suffix followed by these characters is part of a longer word (小镇化, 园区内 ok).
_CONTINUES = re.compile(r"^(建设|经济|发展|企业|职工|工作|管理|创建|化|群)")


@functools.cache
def _suffix_re() -> re.Pattern[str]:
    return suffix_regex(carrier_grammar()["suffixes"])


def carrier_type(name: str) -> str:
    """carrierType of a carrier name from its longest matching suffix."""
    suffixes = carrier_grammar()["suffixes"]
    for suffix in sorted(suffixes, key=len, reverse=True):
        if name.endswith(suffix):
            return suffixes[suffix]
    return "park"


def find_carriers(text: str) -> list[Mention]:
    """Named carriers in the text, including those embedded in organisation names."""
    grammar = carrier_grammar()
    generic = set(grammar["generic_cores"])
    weak = set(grammar["weak_suffixes"])
    out: list[Mention] = []
    for m in _suffix_re().finditer(text):
        suffix = m.group(0)
        end = m.end()
        # prefer the longest suffix chain: 经济技术开发区 inside 萧山经济技术开发区总工会
        if _CONTINUES.match(text[end:end + 2]) and suffix not in {"小镇", "特色小镇"}:
            continue
        start, _ = name_start(text, m.start())
        core = strip_brackets(text[start:m.start()])
        if start < m.start() and text[start - 1:start] in "“\"" and suffix in weak:
            continue
        county, city, used = gazetteer().parse_prefix(core)
        bare = core[used:]
        if not bare or bare in generic or len(bare) < 2 and suffix not in {"CBD"}:
            continue
        if re.fullmatch(r"[一二三四五六七八九十两百千万几多各]+.*", bare):
            continue
        surface = strip_brackets(text[start:end])
        props = {"carrierType": grammar["suffixes"][suffix]}
        if suffix in weak and len(bare) < 2:
            continue
        out.append(Mention(CARRIER, surface, start, end, props))
    return out
