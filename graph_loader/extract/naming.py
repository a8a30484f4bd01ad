"""Canonical-name rules shared by article resolution and the corpus merge: suffix split, prefixes.

Why a module of its own: the article resolver (graph_loader.extract.article_resolution) completes
names with the prefix its article implies, and the corpus merge (graph_loader.resolve) compares
names by the core before their organisational suffix; both must split and prefix names the same
way, and neither should import the other.
"""

from __future__ import annotations

import re

from graph_loader.extract.context import ArticleContext
from graph_loader.reference.gazetteer import gazetteer
from graph_loader.reference.lexicon import PARTY, UNION, alternation, org_grammar, union_suffix_forms
from graph_loader.reference.towns import TOWN_START

_UNION_SUFFIX = re.compile("(" + alternation(union_suffix_forms()) + ")$")
_PARTY_SUFFIX = re.compile(r"(党群工作委员会|党群工委|联合党委|综合党委|党工委|党委|党总支|党支部|党组|党组织)$")


def split_suffix(name: str, etype: str) -> tuple[str, str]:
    """(core, suffix) of an organisation name; carriers have no suffix split."""
    pattern = _UNION_SUFFIX if etype == UNION else _PARTY_SUFFIX if etype == PARTY else None
    if pattern:
        m = pattern.search(name)
        if m:
            return name[:m.start()], m.group(0)
    return name, ""


def expand_prefix(name: str, ctx: ArticleContext | None) -> str:
    """Give a name the administrative prefix that the text implies.

    A district without its city (西湖区…) gets the city; a bare place short form before 工会
    (宁波工会, 滨江工会) becomes that place's 总工会; a variant county name (景宁县) its standard
    form; a town/street name or a carrier name with no prefix gets the article's county.
    """
    gaz = gazetteer()
    hint = ctx.city.name if ctx and ctx.city else ""
    county, city, used = gaz.parse_prefix(name, hint)
    rest = name[used:]
    if used:
        head = name[:used]
        if county and not head.startswith(county.name):
            bare = county.bare
            # keep short forms as written (浦江水晶产业园区); only complete a written 区/县/市
            if head.endswith(bare) or head == bare:
                head = county.name
            elif rest in {"工会", "总工会", "总"}:
                head = county.name
        elif city and not county and rest in {"工会", "总工会", "总"}:
            head = city.name
        if rest in {"工会", "总"}:  # 宁波工会, 柯城区总: the place's federation
            rest = "总工会"
        return head + rest
    if ctx is None:
        return name
    if TOWN_START.match(name) and ctx.county:
        return ctx.county.name + name
    return name


def party_prefix(name: str, ctx: ArticleContext | None) -> str:
    """A party body written without a place (未来科技城党工委, 秀洲国家高新区党工委) takes the
    article's place when its core is an area (园区, 小镇, 科技城 …) or starts with the short form of
    the article's county (秀洲 → 嘉兴市秀洲…). Town/street bodies are left to expand_prefix."""
    if ctx is None or ctx.county is None:
        return name
    bare = ctx.county.bare  # 秀洲国家高新区党工委 in an article on 嘉兴市秀洲区: a district's short
    if bare.endswith("区") and len(bare) > 2 and name.startswith(bare[:-1]) and ctx.city:  # form
        return ctx.city.name + name  # takes its city
    if gazetteer().parse_prefix(name)[2]:
        return name
    cores = [core for core in org_grammar()["carrier_cores"] if core != "管委会"]
    if TOWN_START.match(name) or name.startswith(tuple(cores)):
        return name  # 小镇管委会党委: a generic reference, resolved from the article's carrier
    if any(core in name for core in cores):
        return ctx.county.name + name
    return name
