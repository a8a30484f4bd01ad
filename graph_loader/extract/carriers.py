"""Carrier mentions (特色小镇, 园区/开发区, 商圈/楼宇, 市场) from a suffix grammar.

Why: carriers are the new-economy places that regional unions cover; their names end in a
small set of suffixes that also give `carrierType`. A carrier named inside a union's name
(梦想小镇工会联合会) is a carrier mention too: that is how COVERS is usually stated.
"""

from __future__ import annotations

import functools
import re

from graph_loader.extract.base import Mention
from graph_loader.reference.gazetteer import gazetteer
from graph_loader.reference.lexicon import CARRIER, carrier_grammar, org_grammar, suffix_regex
from graph_loader.reference.names import name_start, strip_brackets
from graph_loader.reference.towns import TOWN_START

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


def _suffix_len(name: str) -> int:
    return max((len(w) for w in carrier_grammar()["suffixes"] if name.endswith(w)), default=0)


@functools.cache
def _left_verb_re() -> re.Pattern[str]:
    words = sorted(carrier_grammar()["left_verbs"], key=lambda w: (-len(w), w))
    return re.compile("|".join(map(re.escape, words)))


def _cut_verbs(core: str, left: str = "") -> int:
    """Offset in `core` after the last left verb that is not inside a place name."""
    county, city, used = gazetteer().parse_prefix(core)
    cut = 0
    protected = [False] * len(core)
    wide = left + core
    for word in carrier_grammar().get("verb_protected", []):
        at = wide.find(word)
        while at >= 0:  # every occurrence (a plain find: this runs for every carrier candidate)
            for i in range(at + 1, at + len(word)):
                if i - len(left) >= 0:
                    protected[i - len(left)] = True
            at = wide.find(word, at + 1)
    for k in range(used, len(core)):
        m = _left_verb_re().match(core, k)
        if m and not protected[k]:
            cut = max(cut, m.end())
    return cut if cut > used else 0


_COUNTERS = set("年月日个幢栋座家")
_COUNTED = re.compile(r"(第?[一二三四五六七八九十两百千万几多0-9]+[个家座幢栋期批届类种大楼层]|各|多|几)")
_TOWN_START = re.compile(TOWN_START.pattern + "(?!小镇)")  # 天水街道…, but not 特色小镇…
# Suffixes that make a carrier name with a bare place core (嘉兴科技城, 宁波高新区).
_PLACE_NAMED = {"科技城", "开发区", "高新区", "经开区", "工业园", "产业园", "科技园"}
_TOWN_IN_CORE = re.compile(r"^.*?(街道|(?<!小)镇)")


def _named(bare: str, suffix: str, used: int) -> bool:
    """Does the core before the suffix name a carrier (not a description or a public space)?"""
    grammar = carrier_grammar()
    if suffix in grammar["weak_suffixes"] and any(w in bare for w in grammar.get("descriptive_words", [])):
        return False
    core = bare  # the name before its suffix, without the administrative prefix
    if suffix == "新区" and (used or gazetteer().find(core)):
        return False  # 南湖新区, 舟山群岛新区: a district, not a carrier
    if suffix in grammar["weak_suffixes"] and _suffix_re().search(core):
        return False  # 商圈街区, 小镇生活街区, 创客小镇东广场: a spot inside a carrier
    town = _TOWN_IN_CORE.match(core)
    if town and core[town.end():] in set(grammar["generic_cores"]) | {""}:
        return False  # 画溪街道工业功能区: a street's industrial zone, unnamed
    if core.startswith(tuple(grammar.get("slogan_prefixes", []))):
        return False
    if core in grammar.get("descriptive_words", []) or not _suffix_re().sub("", core):
        return False  # “红色商圈”, 小镇园区商圈: a description or a list of carrier kinds, no name
    return True


def _place_inside(core: str) -> int:
    """Offset of a county or city written just inside a candidate (组建起衢江区特种纸产业园 → 衢江区…):
    one or two characters of a verb tail before a place name are not part of the carrier."""
    if gazetteer().parse_prefix(core)[2]:
        return 0
    places = [p for p in gazetteer().find(core) if 0 < p.start <= 2]
    if not places or gazetteer().parse_prefix(core[places[0].start:])[2] == 0:
        return 0
    return places[0].start


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
        if text[end:end + 1] == "域" and suffix[:-1] in grammar["suffixes"]:
            suffix, end = suffix[:-1], end - 1  # 光学膜产业园区域 → 光学膜产业园
        if _CONTINUES.match(text[end:end + 2]) and suffix not in {"小镇", "特色小镇"}:
            continue
        if suffix == "园区" and _suffix_re().search(text, max(0, m.start() - 4), m.start()) and \
                any(text.endswith(w, 0, m.start()) for w in grammar["suffixes"]):
            continue  # 梦想小镇园区: the area of the carrier just named, not another carrier
        start, _ = name_start(text, m.start())
        if start > 0 and text[start - 1] in "“\"" and suffix in weak:
            continue
        start += _place_inside(text[start:m.start()])
        start += _cut_verbs(text[start:m.start()], text[max(0, start - 1):start])
        while start < m.start() and text[start] in _COUNTERS and start > 0 and text[start - 1].isdigit():
            start += 1  # 24幢亿元楼宇, 2017年美妆小镇
        core = strip_brackets(text[start:m.start()])
        county, city, used = gazetteer().parse_prefix(core)
        bare = core[used:]
        surface = strip_brackets(text[start:end])
        if bare.startswith("(") and ")" in bare:
            # 长兴县(画溪街道)新能源小镇: the bracket glosses the county; the carrier is outside it
            bare = bare[bare.index(")") + 1:]
            surface = core[:used] + bare + suffix
        if used and not bare and (len(suffix) >= 4 or suffix in _PLACE_NAMED):
            cands.append((start, end, surface, used))
            continue
        if not bare or bare in generic or len(bare) < 2 or len(bare) > 14:
            continue
        if not _named(bare, suffix, used):
            continue
        if _COUNTED.match(bare):
            continue
        cands.append((start, end, surface, used))
    buildings = _building_cands(text, {c[1] for c in cands})
    cands += buildings
    building_ends = {c[1] for c in buildings}
    trusted = {c[2][c[3]:] for c in cands if c[3]} | {c[2] for c in cands if len(c[2]) <= 6} | {
        c[2] for c in cands if len(c[2]) - _suffix_len(c[2]) <= 3} | {
        c[2] for c in cands if _listed(text, c[0], c[1])}
    out: list[Mention] = []
    for start, end, surface, used in cands:
        if not used and surface not in trusted:
            shorter = [t for t in trusted if surface.endswith(t) and len(t) < len(surface)]
            if not shorter:
                continue
            best = max(shorter, key=len)
            start, surface = end - len(best), best
        kind = "business-district" if end in building_ends else carrier_type(surface)
        props = {"carrierType": kind, "written_name": surface}
        out.append(Mention(CARRIER, strip_brackets(text[start:end]), start, end, props))
    return out


def _listed(text: str, start: int, end: int) -> bool:
    """A candidate that is an item of an enumeration (A园、B大厦、C广场等) is a name: a list of
    carriers names each one, and a verb never stands between 、 and the item."""
    listed = (start > 0 and text[start - 1] == "、") or text[end:end + 1] == "、"
    return listed and not _COUNT_INSIDE.search(text, start, end)


_COUNT_INSIDE = re.compile(r"[一二三四五六七八九十两百千0-9]+[大个家座类]")  # 五大功能区: a description


_BUILDING_UNION = re.compile(r"楼宇(?:联合工会|工会联合会|工会)")


def _building_cands(text: str, ends: set[int]) -> list[tuple[int, int, str, int]]:
    """The building a building union is named after (世贸中心楼宇联合工会 → 世贸中心): the name
    before 楼宇 is a building, whatever its last word (中心, 大楼, 国际). Skipped where a
    suffix candidate already ends there."""
    generic = set(carrier_grammar()["generic_cores"])
    cores = set(org_grammar()["carrier_cores"])
    nonref = set(org_grammar()["nonreferential_union_cores"])  # 基层楼宇工会
    out = []
    for m in _BUILDING_UNION.finditer(text):
        end = m.start()
        if end in ends:
            continue
        start, _ = name_start(text, end)
        start += _cut_verbs(text[start:end], text[max(0, start - 1):start])
        name = strip_brackets(text[start:end])
        used = gazetteer().parse_prefix(name)[2]
        bare = name[used:]
        if len(bare) < 2 or bare in generic or bare in cores or bare in nonref or _COUNTED.match(bare):
            continue  # 商务楼宇, 中央商务区楼宇: a kind of building area, not a building
        out.append((start, end, name, used))
    return out


# --- canonical names (called by resolve) ----------------------------------------------------

def carrier_name(written: str, ctx=None) -> str:
    """Canonical name of a carrier as written, with the prefix the text gives.

    A written district (余杭区梦想小镇, 杭州余杭区…) takes its city; a town or market written
    with a short county (海宁皮革时尚小镇) takes the full county only when the article's heading
    writes that county in full. Parks keep short county forms, which are part of their names
    (萧山经济技术开发区, 温州市瓯海经济开发区), and an unprefixed name stays as written.
    """
    gaz = gazetteer()
    hint = ctx.city.name if ctx is not None and ctx.city else ""
    county, city, used = gaz.parse_prefix(written, hint)
    if not used and ctx is not None and ctx.county and _TOWN_START.match(written):
        return ctx.county.name + written  # 江南镇古村落: a town's carrier takes the article's county
    if not used or county is None:
        return written
    head, rest = written[:used], written[used:]
    if head.startswith(county.name):
        return written
    if head.endswith(county.bare):
        return county.name + rest
    if ctx is None or carrier_type(written) == "park":
        return written
    heading = ctx.heading
    if ctx.county is not None and ctx.county.name == county.name and (
            county.name in heading or county.bare in heading) and written not in heading:
        return county.name + rest
    return written


def _bare(name: str) -> tuple[str, str]:
    """(place, rest) of a carrier name; the rest normalised for comparison (特色小镇 = 小镇, 园区 = 园)."""
    county, city, used = gazetteer().parse_prefix(name)
    place = county.name if county else city.name if city else ""
    rest = re.sub(r"\(.{1,2}\)", "", name[used:]).replace("特色小镇", "小镇")
    return place, re.sub("园区$", "园", rest)


# Buildings of one developer share a name head (东冠大厦, 东冠恒鑫大厦): a shorter one is a
# sibling, not an abbreviation of the longer (areas are abbreviated: 北岸商圈 = 北岸财富商圈).
_SIBLING_SUFFIXES = ("大厦", "广场", "大楼")


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def carrier_aliases(names: list[str], heading_names: set[str]) -> dict[str, str]:
    """Short or abbreviated carrier names of one article mapped to the full name they stand for.

    浦江水晶产业园区 → 浦江县水晶产业园区 (same place and rest); 定海工业园区 → 舟山定海工业园区 (a tail);
    地信小镇/地理小镇 → 德清县地理信息小镇 (an abbreviation: same first character and suffix, the
    characters in order). An ambiguous short name (two candidates, none in the heading) stays.
    """
    out: dict[str, str] = {}
    info = {n: _bare(n) for n in names}
    for short in names:
        place, bare = info[short]
        if len(bare) - _suffix_len(bare) < 2:
            continue
        cands = []
        for long in names:
            if long == short or len(long) < len(short) or (len(long) == len(short) and long < short):
                continue
            lplace, lbare = info[long]
            if place and lplace and place != lplace:
                continue
            if lbare == bare or lbare.endswith(bare) or long.endswith(short):
                cands.append(long)
            elif (lbare[:1] == bare[:1] and lbare[-1:] == bare[-1:] and len(bare) >= 4
                  and _subsequence(bare, lbare) and carrier_type(long) == carrier_type(short)
                  and not short.endswith(_SIBLING_SUFFIXES) and "-" not in lbare):  # 万达-银泰商务圈: two
                cands.append(long)
        if not cands:
            continue
        preferred = [c for c in cands if c in heading_names]
        pool = preferred or cands
        best = max(pool, key=len)
        if len({info[c][1] for c in pool if not any(c != d and d.endswith(c) for d in pool)}) > 1 \
                and not preferred and not all(best.endswith(c) or _subsequence(info[c][1], info[best][1])
                                              for c in pool):
            continue
        out[short] = best
    # follow chains (a → b → c)
    for k in list(out):
        seen = {k}
        while out[k] in out and out[k] not in seen:
            seen.add(out[k])
            out[k] = out[out[k]]
    return out
