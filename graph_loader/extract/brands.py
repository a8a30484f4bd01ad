"""ServiceBrand mentions: quoted or book-titled names of venues, platforms, cards, programmes.

Why rules on the quote's shape and neighbours: Chinese reports quote everything — slogans,
method names (“三化”, “1+6+N”), honours — and brands. A quoted name is a brand when it ends in
a venue/platform noun, carries Latin letters, or is introduced as a brand/platform/app.
"""

from __future__ import annotations

import functools
import re

from graph_loader.extract.base import Mention
from graph_loader.extract.gazetteer import gazetteer
from graph_loader.extract.lexicon import BRAND, brand_grammar, practice_lexicon
from graph_loader.extract.names import name_start

_QUOTE = re.compile(r"[“\"「『]([^“”\"」』\n]{2,16})[”\"」』]")
_METHOD = re.compile(r"^[0-9一二三四五六七八九十两双百千万几多+×N\-、]+[\u4e00-\u9fff]{0,3}$|^[0-9+N×X\-]+")
_PUNCT = re.compile(r"[，,。；;！!？?、：:]")


def _alternation(words: list[str]) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


@functools.cache
def _g() -> dict:
    g = dict(brand_grammar())
    g["generic_set"] = set(g["generic"])
    g["end_re"] = re.compile("(" + _alternation(g["end_nouns"]) + ")$")
    g["after_re"] = re.compile("^(" + _alternation(g["after_nouns"]) + ")")
    g["before_re"] = re.compile("(" + _alternation(g["before_verbs"]) + r")[了的]?$")
    return g


def is_brand_name(name: str, before: str, after: str) -> bool:
    """Shape and neighbour test of a quoted name (see module docstring)."""
    g = _g()
    if name in g["generic_set"] or _PUNCT.search(name) or _METHOD.match(name):
        return False
    if any(w in name for w in g["reject_words"]):
        return False
    latin = bool(re.search(r"[A-Za-z]", name))
    if "+" in name and not latin or re.search(r"(式|化|型|性)$", name):
        return False
    if name in practice_lexicon().by_cue and not latin and not name.endswith(("卡", "贷")):
        return False  # a generic practice word (送清凉, 需求清单), not a brand
    if re.fullmatch(r"[A-Za-z0-9 ]+", name) and not re.search(r"[A-Za-z]{2}", name):
        return False
    if g["end_re"].search(name) or g["after_re"].match(after):
        return True
    if re.search(r"[A-Za-z]", name) and re.search(r"[\u4e00-\u9fff]", name):
        return True
    return bool(g["before_re"].search(before)) and len(name) <= 8


def find_brands(text: str) -> list[Mention]:
    out: list[Mention] = []
    for m in _QUOTE.finditer(text):
        name = m.group(1).strip()
        before = text[max(0, m.start() - 6):m.start()]
        after = text[m.end():m.end() + 6]
        if not is_brand_name(name, before, after):
            continue
        start, end = m.start(1), m.end(1)
        # a quoted name glued to a venue noun is one name: “同心U+”党群服务中心 keeps the quote part
        out.append(Mention(BRAND, name, start, end, {"after": after}))
    quoted = [(m.start, m.end) for m in out]
    for m in find_unquoted_brands(text):
        if not any(a < m.end and m.start < b for a, b in quoted):
            out.append(m)
    return out


def _verb_cut(core: str) -> int:
    from graph_loader.extract.carriers import _cut_verbs

    return _cut_verbs(core)


def find_unquoted_brands(text: str) -> list[Mention]:
    """Names glued to a venue noun (梦想小镇APP, 横漂党群服务中心) and listed brand items."""
    g = _g()
    out: list[Mention] = []
    suffix_re = re.compile(_alternation(g["unquoted_suffixes"]))
    for m in suffix_re.finditer(text):
        start, _ = name_start(text, m.start(), max_len=8)
        start += _verb_cut(text[start:m.start()])
        core = text[start:m.start()]
        bad = core in g["generic_set"] or core in g["not_app_names"]
        if len(core) < 2 or bad or text[start - 1:start] in "”\"":
            continue
        if gazetteer().parse_prefix(core)[2] == len(core) and m.group(0) != "APP":
            continue  # 杭州市职工服务中心 is a body of the city, kept only when quoted
        out.append(Mention(BRAND, text[start:m.end()], start, m.end(), {"after": text[m.end():m.end() + 6]}))
    closers = _alternation(g["list_closers"])
    list_re = re.compile(r"((?:[\u4e00-\u9fffA-Za-z]{2,8}、){1,8}[\u4e00-\u9fffA-Za-z]{2,8})(?:等)?"
                         r"[一二三四五六七八九十0-9]+[个大项]?(?:" + closers + ")")
    for m in list_re.finditer(text):
        pos = m.start(1)
        items = m.group(1).split("、")
        first_start, _ = name_start(text, pos + len(items[0]), max_len=8)
        items[0] = text[first_start:pos + len(items[0])]
        pos = first_start
        for item in items:
            if len(item) >= 2 and item not in g["generic_set"] and not _METHOD.match(item):
                out.append(Mention(BRAND, item, pos, pos + len(item), {"after": ""}))
            pos += len(item) + 1
    return out


def instance_hints() -> dict[str, str]:
    return dict(_g()["instance_hints"])
