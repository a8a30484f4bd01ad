"""Article-level resolution: canonical names for the mentions of one article — a listed stage
of `extract_article`, between finding mentions and finding relations.

Why a stage of its own: extractors only see surface forms. Here a surface form gets the full
name it stands for — with the administrative prefix that the heading or context gives
(省总工会 → 浙江省总工会; 小镇工会 in a town's report → that town's union; 余杭区 → 杭州市余杭区).
Document- and corpus-wide merging is graph_loader.resolve's job.

What it reads and sets:
- reads `ArticleContext` fields article (kind), city, county, towns, heading_span (in_heading);
  never writes them;
- sets, on the article's own `Mention`s (the working records of one article), `name`, `drop`
  and the props `level` (unions) and `county_hint` (carriers without a place prefix);
- returns a new `ArticleContext` (dataclasses.replace) whose `mentions`, `main_union` (the body
  the article is about) and `main_carrier` (a carrier named in the heading) are set — the
  fields the relation families read.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import replace

from graph_loader.extract.base import Mention
from graph_loader.extract.carriers import carrier_aliases, carrier_name
from graph_loader.extract.context import ArticleContext
from graph_loader.extract.local_refs import (
    PartyIndex,
    article_carrier,
    article_towns,
    bracketless,
    carrier_stems,
    complete_from_carriers,
    county_before,
    merge_suffix_forms,
    paragraph_union,
    regional_party,
    stem_named,
    town_before,
    town_county,
)
from graph_loader.extract.naming import expand_prefix, party_prefix, split_suffix
from graph_loader.extract.unions import union_level
from graph_loader.reference.gazetteer import gazetteer
from graph_loader.reference.lexicon import (
    ADMIN_AREA,
    BRAND,
    CARRIER,
    GOVERNMENT,
    MASS,
    PARTY,
    PERSON,
    UNION,
    org_grammar,
)
from graph_loader.reference.names import strip_brackets
from graph_loader.reference.towns import TOWN_START


def resolve_article(ctx: ArticleContext, mentions: list[Mention]) -> ArticleContext:
    """Resolve the article's mentions (see the module docstring) and return the context the
    relation families need: `ctx` with mentions, main_union and main_carrier filled in."""
    resolver = ArticleResolver(ctx, mentions)
    resolver.resolve()
    return replace(ctx, mentions=mentions, main_union=resolver.main_union, main_carrier=resolver.main_carrier)


class ArticleResolver:
    """Canonical names for the mentions of one article (see module docstring)."""

    def __init__(self, ctx: ArticleContext, mentions: list[Mention]) -> None:
        self.ctx = ctx
        self.mentions = mentions
        self.fixed = org_grammar()["fixed_aliases"]
        self.carrier_cores = set(org_grammar()["carrier_cores"])
        self.main_union: Mention | None = None
        self.main_carrier: Mention | None = None
        self.towns = article_towns(ctx, mentions)
        self._word_cache: dict[str, list[Mention]] = {}
        self._carrier_cache: dict[str, Mention | None] = {}
        self._county_unions: list[tuple[int, str]] | None = None

    # --- unions -------------------------------------------------------------------------

    def _level_union(self, m: Mention) -> str:
        ctx = self.ctx
        word = m.props.get("level_word", "")
        _, suffix = split_suffix(m.surface, UNION)
        suffix = suffix or ("总工会" if m.props.get("short") else "")  # 市总, 区总
        if word == "省":
            return "浙江省总工会" if suffix == "总工会" else "浙江省" + suffix
        if word == "市":
            if ctx.county and ctx.county.bare.endswith("市"):
                return ctx.county.name + suffix
            return ctx.city.name + suffix if ctx.city else m.surface
        if word in {"区", "县"}:
            # 青禾区总工会…该区总工会: the district written or named last before, then the article's
            county = self._county_named_before(m.start, word)
            if county:
                return county + suffix
            if ctx.county and ctx.county.bare.endswith(word):
                return ctx.county.name + suffix
            return m.surface
        # township: the town or street the article names, nearest before the mention
        town = town_before(self.towns, "街道" if word == "街道" else "镇", m.start)
        if town is not None:
            return (town[3] or (ctx.county.name if ctx.county else "")) + town[2] + suffix
        return m.surface

    def _county_named_before(self, pos: int, word: str) -> str:
        """The county-level place of kind `word` (区, 县) that the text last wrote or named a union
        of before `pos`: a place in the 100 characters before, or a named county federation
        earlier in the article (在青禾，县总工会; 白鹭区总工会…该区总工会). '' when none."""
        near = county_before(self.ctx.text, pos, word)
        if near:
            return near
        if self._county_unions is None:
            self._county_unions = []
            for u in sorted(self.mentions, key=lambda u: u.start):
                if u.type != UNION or u.generic or u.drop or not u.name:
                    continue
                core, suffix = split_suffix(u.name, UNION)
                county, _, used = gazetteer().parse_prefix(core)
                if suffix == "总工会" and county is not None and used == len(core):
                    self._county_unions.append((u.start, county.name))
        i = bisect_right(self._county_unions, pos, key=lambda c: c[0])
        named = [name for _, name in self._county_unions[:i] if name.endswith(word)]
        return named[-1] if named else ""

    def _named_with(self, word: str) -> list[Mention]:
        """Named unions whose name contains the carrier word, in text order (cached per word)."""
        if word not in self._word_cache:
            self._word_cache[word] = sorted((u for u in self.mentions if u.type == UNION and not u.generic
                                             and word in u.name), key=lambda u: u.start)
        return self._word_cache[word]

    def _carrier_ending(self, core: str) -> Mention | None:
        """The first carrier whose name ends with core (cached per core)."""
        if core not in self._carrier_cache:
            self._carrier_cache[core] = next((c for c in self.mentions if c.type == CARRIER and c.name
                                              and c.name.endswith(core)), None)
        return self._carrier_cache[core]

    def _carrier_union(self, m: Mention, main: Mention | None) -> str:
        word = m.props.get("carrier_word", "")
        if main is not None and main.name and word and word not in main.name:
            # 小镇工会 in a report on 梦想小镇工会联合委员会 is that union, not the main 科技城总工会
            named = self._named_with(word)
            if len({u.name for u in named}) == 1:
                return named[0].name
            i = bisect_right(named, m.start - 1, key=lambda u: u.start)
            if i:  # several: the one named last before the reference
                return named[i - 1].name
        if main is not None and main.name and (word in main.name or main.props.get("level") == "carrier"):
            return main.name
        carrier = self._carrier_ending(word) if word else None
        if carrier is not None:
            _, suffix = split_suffix(m.surface, UNION)
            return carrier.name + suffix
        return m.surface

    def resolve(self) -> None:
        ctx, mentions = self.ctx, self.mentions
        # 1. named mentions: fixed aliases, prefixes
        for m in mentions:
            if m.generic:
                continue
            surface = strip_brackets(m.surface)
            if surface in self.fixed:
                m.name = self.fixed[surface].format(city=ctx.city.name if ctx.city else "")
            elif m.type == CARRIER:
                m.name = carrier_name(m.props.get("written_name", surface), ctx)
            elif m.type == PARTY:
                m.name = party_prefix(expand_prefix(surface, ctx), ctx)
            elif m.type == UNION:
                m.name = expand_prefix(surface, ctx)
            elif m.type in (MASS, GOVERNMENT) and TOWN_START.match(surface):
                m.name = expand_prefix(surface, ctx)  # 府山街道团工委 takes the article's county
            elif m.type in (PERSON, BRAND):
                m.name = m.props.get("canonical", surface)
            elif m.type == ADMIN_AREA:
                place = gazetteer().lookup(surface, ctx.city.name if ctx.city else "")
                m.name = place.name if place else m.props.get("canonical", surface)
            else:
                m.name = surface
            if m.type in (UNION, PARTY, MASS, GOVERNMENT) and TOWN_START.match(surface) and \
                    surface not in self.fixed and (county := town_county(self.towns, surface)):
                m.name = county + surface  # 江山市贺村镇 … 贺村镇总工会: the county written with the town
        # carriers keep the name as written; short and abbreviated forms join the full name of the
        # article (地信小镇 → 德清县地理信息小镇); unprefixed ones take the article's place as attributes
        carriers = [m for m in mentions if m.type == CARRIER]
        heading_carriers = {m.name for m in carriers if ctx.in_heading(m)}
        alias = carrier_aliases(sorted({m.name for m in carriers}), heading_carriers)
        for m in carriers:
            m.name = alias.get(m.name, m.name)
            if ctx.county and not gazetteer().parse_prefix(m.name)[2]:
                m.props["county_hint"] = ctx.county.name
        if ctx.article.kind == "toc":  # a table of contents is not evidence of a body
            for m in mentions:
                if m.type in (UNION, PARTY, CARRIER):
                    m.drop = True
        complete_from_carriers(mentions)
        heads = {u.name for u in mentions if u.type == UNION and u.name and ctx.in_heading(u)}
        own = [c for c in carriers if ctx.in_heading(c) or any(c.name in h for h in heads)]
        stems = carrier_stems(own)
        for m in mentions:  # 信息港党委 in a report on 信息港小镇
            if stems and m.type in (PARTY, UNION) and not m.generic and not gazetteer().parse_prefix(m.name)[2]:
                m.name = stem_named(m, stems) or m.name
        merge_suffix_forms(mentions)
        main = self._main_union(mentions)
        self.main_union = main
        # 2. generic mentions
        last_named: Mention | None = None
        for m in sorted(mentions, key=lambda x: x.start):
            if m.type == UNION and not m.generic:
                last_named = m
            if not m.generic:
                continue
            if m.type == UNION:
                if m.props.get("anaphor"):
                    target = last_named or main
                    m.name = target.name if target else ""
                    m.drop = target is None
                elif m.props.get("bare"):
                    m.name = paragraph_union(ctx.text, m, mentions, main)
                    m.drop = not m.name
                elif "level_word" in m.props:
                    m.name = self._level_union(m)
                    m.drop = m.name == m.surface  # 镇总工会 with no town in the article: no body
                else:
                    m.name = self._carrier_union(m, main)
            elif m.type == PARTY and split_suffix(m.surface, PARTY)[0]:
                m.name = self._generic_party(m)
                core = split_suffix(m.surface, PARTY)[0]  # 镇党委, 街道党工委: unresolved
                m.drop = m.name == m.surface and (len(m.surface) <= 3 or core in {"镇", "街道"})
            elif m.type != PARTY:
                m.name = m.surface
        # a bare 联合工会 the paragraph names no union for describes a kind: no mention, a cue
        mentions[:] = [m for m in mentions if not (m.drop and m.props.get("bare"))]
        bare = [m for m in mentions if m.type == PARTY and m.generic and not split_suffix(m.surface, PARTY)[0]]
        if bare:  # 党委, 党工委 once every other party body has its name
            parties, carrier = PartyIndex(mentions), self.main_carrier or article_carrier(mentions, main)
            for m in bare:
                suffix = split_suffix(m.surface, PARTY)[1]
                m.name = parties.bare_party(m, suffix) or regional_party(carrier, suffix) or m.surface
                m.drop = m.name == m.surface and len(m.surface) <= 3
        main = self._recount_main(mentions, main)
        # a named mention whose core is a tail of the main union's core is the main union
        if main is not None:
            keys = _union_keys(main.name)
            for m in mentions:
                if m.type == UNION and m is not main and not m.generic and m.name != main.name:
                    core, suffix = split_suffix(m.name, UNION)
                    if ("联合" in suffix) != ("联合" in split_suffix(main.name, UNION)[1]):
                        continue  # 小镇工会联合会 beside the main 小镇工会: a joint body is another body
                    used = gazetteer().parse_prefix(core)[2]
                    # 桐乡市濮院镇总工会 is the main 桐乡市濮院镇(毛衫时尚小镇)总工会
                    same_prefix = used and main.name.startswith(core[:used])
                    if len(core) - used >= 2 and any(k.endswith(core[used:]) for k in keys) and \
                            (not used or same_prefix):
                        m.name = main.name
        for m in mentions:
            if m.type == UNION and not m.drop:
                if not m.name:
                    m.drop = True
                elif m.name == m.surface or not m.props.get("level"):
                    core, suffix = split_suffix(m.name, UNION)
                    level = union_level(core, m.props.get("form", "其他"))
                    m.props["level"] = level or m.props.get("level", "")

    def _recount_main(self, mentions: list[Mention], main: Mention | None) -> Mention | None:
        """A main union not named in the heading is the one mentioned most once relative references
        (小镇工会) are resolved: a report on 梦想小镇 says 小镇工会 more often than 科技城总工会.
        A report headed by its carrier that names no union outright (only 街道总工会, resolved by
        the carrier's place) is that union's report: the first one it names is the main union."""
        if main is None and self.main_carrier is not None:
            resolved = [m for m in mentions if m.type == UNION and m.name and not m.drop]
            if resolved:  # a report headed by its carrier, naming its union only as 街道总工会
                first = min(resolved, key=lambda m: m.start)
                self.main_union = first
                return first
        if main is None or self.ctx.in_heading(main):
            return main
        counts: dict[str, int] = defaultdict(int)
        for m in mentions:
            if m.type == UNION and m.name and not m.drop:
                counts[m.name] += 1
        best = max(counts, key=lambda n: counts[n])
        if counts[best] > counts.get(main.name, 0):
            main = next(m for m in mentions if m.type == UNION and m.name == best and not m.drop)
            self.main_union = main
        return main

    def _generic_party(self, m: Mention) -> str:
        ctx = self.ctx
        core, suffix = split_suffix(m.surface, PARTY)
        if core in {"镇", "街道"}:  # the town named nearest before, under the county written with it
            town = town_before(self.towns, core, m.start)
            if town is None:
                return m.surface
            return (town[3] or (ctx.county.name if ctx.county else "")) + town[2] + suffix
        if self.main_carrier is not None and core in self.main_carrier.name:
            return party_prefix(self.main_carrier.name + suffix, ctx)
        carrier = self._carrier_ending(core) if core else None
        if carrier is None and core in self.carrier_cores:  # 园区党委: the carrier of the article's union
            carrier = article_carrier(self.mentions, self.main_union)
        if carrier is not None:
            return party_prefix(carrier.name + suffix, ctx)
        return m.surface

    def _main_union(self, mentions: list[Mention]) -> Mention | None:
        unions = [m for m in mentions if m.type == UNION and not m.generic and not m.drop]
        heading = [m for m in unions if self.ctx.in_heading(m)]
        if heading:
            return max(heading, key=lambda m: len(m.name))
        carriers = [m for m in mentions if m.type == CARRIER and self.ctx.in_heading(m)]
        if carriers:
            self.main_carrier = carriers[0]
        if not unions:
            return None
        counts: dict[str, int] = defaultdict(int)
        for m in unions:
            counts[m.name] += 1
        best = max(unions, key=lambda m: (counts[m.name], -m.start))
        return best


def _union_keys(name: str) -> set[str]:
    """Cores by which a union may be named: with and without its bracket part, and the part."""
    core, _ = split_suffix(name, UNION)
    keys = {core, bracketless(core)}
    for inner in re.findall(r"\(([^)]*)\)", core):
        keys.add(inner)
    county, city, used = gazetteer().parse_prefix(core)
    keys |= {k[used:] for k in list(keys) if len(k) > used}
    return {k for k in keys if k}

