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


@functools.cache
def _left_verb_re() -> re.Pattern[str]:
    words = sorted(carrier_grammar()["left_verbs"], key=lambda w: (-len(w), w))
    return re.compile("|".join(map(re.escape, words)))


def _cut_verbs(core: str) -> int:
    """Offset in `core` after the last left verb that is not inside a place name."""
    county, city, used = gazetteer().parse_prefix(core)
    cut = 0
    for k in range(used, len(core)):
        m = _left_verb_re().match(core, k)
        if m and m.end() < len(core) + 1:
            cut = max(cut, m.end())
    return cut if cut > used else 0


def find_carriers(text: str) -> list[Mention]:
    """Named carriers in the text, including those embedded in organisation names.

    Two passes: candidates are cut after boundary words and left verbs; a candidate with an
    administrative prefix, or a short one, is trusted; any other candidate that ends with a
    trusted name is shrunk to it (齐聚梦想小镇 → 梦想小镇), and the rest are dropped.
    """
    grammar = carrier_grammar()
    generic = set(grammar["generic_cores"])
    weak = set(grammar["weak_suffixes"])
    cands: list[tuple[int, int, str, int]] = []  # start, end, name, prefix length
    for m in _suffix_re().finditer(text):
        suffix = m.group(0)
        end = m.end()
        if _CONTINUES.match(text[end:end + 2]) and suffix not in {"小镇", "特色小镇"}:
            continue
        start, _ = name_start(text, m.start())
        if start > 0 and text[start - 1] in "“\"" and suffix in weak:
            continue
        start += _cut_verbs(text[start:m.start()])
        core = strip_brackets(text[start:m.start()])
        county, city, used = gazetteer().parse_prefix(core)
        bare = core[used:]
        surface = strip_brackets(text[start:end])
        if bare.startswith("(") and ")" in bare:
            # 长兴县(画溪街道)新能源小镇: the bracket glosses the county; the carrier is outside it
            bare = bare[bare.index(")") + 1:]
            surface = core[:used] + bare + suffix
        if used and not bare and len(suffix) >= 4:
            cands.append((start, end, surface, used))
            continue
        if not bare or bare in generic or len(bare) < 2 or len(bare) > 14:
            continue
        if re.fullmatch(r"[一二三四五六七八九十两百千万几多各第0-9]+.*", bare):
            continue
        cands.append((start, end, surface, used))
    trusted = {c[2][c[3]:] for c in cands if c[3]} | {c[2] for c in cands if len(c[2]) <= 6}
    out: list[Mention] = []
    for start, end, surface, used in cands:
        if not used and surface not in trusted:
            shorter = [t for t in trusted if surface.endswith(t) and len(t) < len(surface)]
            if not shorter:
                continue
            best = max(shorter, key=len)
            start, surface = end - len(best), best
        props = {"carrierType": carrier_type(surface), "written_name": surface}
        out.append(Mention(CARRIER, strip_brackets(text[start:end]), start, end, props))
    return out
