"""UnionOrganization mentions from the suffix grammar (总工会, 工会联合会, 联合工会 …).

Why a grammar and not a list: unseen articles name unseen unions, but their names always end
in one of a few suffixes, and the suffix (plus the core before it) tells `form` and `level`.
Generic references (小镇工会, 市总工会, 该工会) are kept as `generic` mentions for resolve.
"""

from __future__ import annotations

import functools
import re

from graph_loader.extract.base import Mention
from graph_loader.reference.gazetteer import gazetteer
from graph_loader.reference.lexicon import (
    UNION,
    carrier_grammar,
    org_grammar,
    short_union_suffixes,
    suffix_regex,
    union_suffix_forms,
)
from graph_loader.reference.names import name_start, strip_brackets

ANAPHORS = ("该", "这家", "这个", "此", "本")
CLASSIFIERS = set("家个名支座幢所年类")
# After a bare 工会 these words mean "union work/worker", not a named union.
_NOT_AFTER_BARE = re.compile(
    r"^(工作者|工作|干部|会员|经费|组织|主席|建设|服务|小组|活动|阵地|委员|之家|系统|改革|法|代表)"
)


@functools.cache
def _suffix_re() -> re.Pattern[str]:
    return suffix_regex(union_suffix_forms())


def union_form(core: str, suffix: str) -> str:
    """`form` from the suffix, refined for bare 工会 by the core (产业/企业 unions)."""
    grammar = org_grammar()
    form = union_suffix_forms()[suffix]
    if suffix == "工会":
        if any(core.endswith(w) for w in grammar["industry_cores"]):
            return "产业工会"
        if any(core.endswith(w) for w in grammar["enterprise_cores"]):
            return "企业工会"
    return form


def union_level(name_core: str, form: str) -> str:
    """`level` from the core: its admin prefix, a town/street, a carrier word, or the form."""
    if form == "企业工会":
        return "enterprise"
    county, city, used = gazetteer().parse_prefix(name_core)
    rest = name_core[used:]
    carrier_words = list(carrier_grammar()["suffixes"]) + org_grammar()["carrier_cores"]
    if rest and any(w in rest for w in carrier_words):
        return "carrier"
    if re.search(r"(镇|街道|乡)(\(|$)", rest) or re.search(r"(镇|街道)\)?$", rest):
        return "township"
    if not rest:
        if name_core in {"浙江省", "浙江", "省"}:
            return "province"
        if county:
            return "county"
        if city:
            return "city"
    if form == "产业工会" and (name_core.startswith("省") or name_core.startswith("浙江省")):
        return "province"
    return ""


def find_unions(text: str) -> list[Mention]:
    """All union mentions of an article text, named or generic."""
    grammar = org_grammar()
    nonref = set(grammar["nonreferential_union_cores"])
    levels = grammar["level_cores"]
    carrier_cores = set(grammar["carrier_cores"])
    out: list[Mention] = []
    for m in _suffix_re().finditer(text):
        suffix = m.group(0)
        if suffix == "工会" and _NOT_AFTER_BARE.match(text[m.end():m.end() + 3]):
            continue
        start, cut_word = name_start(text, m.start())
        if start > 0 and text[start - 1].isdigit() and text[start:start + 1] in CLASSIFIERS:
            start += 1
        numeral = re.match(r"[一二三四五六七八九十两几多]+[家个名支座幢所类]", text[start:m.start()])
        if numeral:
            start += numeral.end()
        core = strip_brackets(text[start:m.start()])
        surface = strip_brackets(text[start:m.end()])
        props = {"form": union_form(core, suffix)}
        if not core:
            if cut_word in ANAPHORS and suffix in short_union_suffixes():
                out.append(Mention(UNION, text[start - len(cut_word):m.end()], start - len(cut_word), m.end(),
                                   {"anaphor": True, **props}, generic=True))
            continue
        if core in nonref or core.endswith(("的", "等")) or any(w in core for w in grammar["honour_words"]):
            continue
        if props["form"] == "企业工会" and core.endswith(("企业", "小微企业")):
            continue
        if core in levels:
            props["level_word"] = core
            props["level"] = levels[core]
            out.append(Mention(UNION, surface, start, m.end(), props, generic=True))
            continue
        if core in carrier_cores or core in {"集团", "公司"}:
            props["carrier_word"] = core
            props["level"] = "carrier" if core not in {"集团", "公司"} else "enterprise"
            out.append(Mention(UNION, surface, start, m.end(), props, generic=True))
            continue
        if suffix == "工会" and props["form"] == "其他" and not _named_other(core):
            continue
        props["level"] = union_level(core, props["form"])
        out.append(Mention(UNION, surface, start, m.end(), props))
    return out


def _named_other(core: str) -> bool:
    """A bare-工会 core must look like a body's name: place, carrier, body word or bracket."""
    if len(core) < 2:
        return False
    if core.endswith(")"):
        return True
    county, city, used = gazetteer().parse_prefix(core)
    if used and used == len(core):
        return True  # 宁波工会, 滨江工会: a place's union
    words = list(carrier_grammar()["suffixes"]) + org_grammar()["carrier_cores"] + [
        "管委会", "委员会", "机关", "镇", "街道", "局", "学校", "医院", "中心", "站"]
    return any(core.endswith(w) for w in words)
