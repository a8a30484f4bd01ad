"""Resolution: canonical names, aliases, place hierarchy, and the corpus-wide merge.

Why a stage of its own: extractors only see surface forms. Here a surface form gets the full
name it stands for — with the administrative prefix that the heading or context gives
(省总工会 → 浙江省总工会; 小镇工会 in a town's report → that town's union; 余杭区 → 杭州市余杭区) —
and mentions of one real-world body across articles and documents become one node whose
aliases are every surface form seen, and whose evidence lists are merged.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from graph_loader.extract.base import Mention, RelMention
from graph_loader.extract.carriers import carrier_aliases, carrier_name, carrier_type
from graph_loader.extract.context import ArticleContext
from graph_loader.extract.unions import union_level
from graph_loader.records import ArticleExtraction, Entity, Evidence, Relation
from graph_loader.reference.gazetteer import PROVINCE, gazetteer
from graph_loader.reference.lexicon import (
    ADMIN_AREA,
    BRAND,
    CARRIER,
    LOCATED_IN,
    PARTY,
    PERSON,
    UNION,
    org_grammar,
)
from graph_loader.reference.names import strip_brackets

_UNION_SUFFIX = re.compile(
    r"(工会联合委员会|基层工会联合会|工会联合会|工会工作委员会|联合工会|工会联盟|总工会|工会小组|工会)$"
)
_PARTY_SUFFIX = re.compile(r"(党群工作委员会|联合党委|综合党委|党工委|党委|党总支|党支部|党组|党组织)$")


def split_suffix(name: str, etype: str) -> tuple[str, str]:
    """(core, suffix) of an organisation name; carriers have no suffix split."""
    pattern = _UNION_SUFFIX if etype == UNION else _PARTY_SUFFIX if etype == PARTY else None
    if pattern:
        m = pattern.search(name)
        if m:
            return name[:m.start()], m.group(0)
    return name, ""


def expand_carrier(name: str) -> str:
    """A carrier written with city + short county (杭州余杭区…, 湖州市吴兴…) takes the full
    county; a town or market written with a short county (海宁皮革时尚小镇) too. Parks keep the
    short form that is usual in their names (磐安工业园区, 平湖经济技术开发区)."""
    county, city, used = gazetteer().parse_prefix(name)
    if not county or name.startswith(county.name):
        return name
    rest = name[used:]
    head = name[:used]
    if city and head.startswith(city.name.removesuffix("市")) and len(head) > len(city.bare):
        return county.name + rest
    if carrier_type(name) in {"town", "market"}:
        return county.name + rest
    return name


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
            elif rest in {"工会", "总工会"}:
                head = county.name
        elif city and not county and rest in {"工会", "总工会"}:
            head = city.name
        if rest == "工会":
            rest = "总工会"
        return head + rest
    if ctx is None:
        return name
    if re.match(r"^[\u4e00-\u9fff]{2,3}(街道|镇)", name) and ctx.county:
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
    if re.match(r"^[\u4e00-\u9fff]{2,3}(街道|镇)", name) or name.startswith(tuple(cores)):
        return name  # 小镇管委会党委: a generic reference, resolved from the article's carrier
    if any(core in name for core in cores):
        return ctx.county.name + name
    return name


def _place_of(name: str) -> tuple[str, str]:
    """(county, city) canonical names of a carrier or body from its prefix."""
    county, city, _ = gazetteer().parse_prefix(name)
    return (county.name if county else "", city.name if city else "")


class ArticleResolver:
    """Canonical names for the mentions of one article (see module docstring)."""

    def __init__(self, ctx: ArticleContext) -> None:
        self.ctx = ctx
        self.fixed = org_grammar()["fixed_aliases"]

    # --- unions -------------------------------------------------------------------------

    def _level_union(self, m: Mention) -> str:
        ctx = self.ctx
        word = m.props.get("level_word", "")
        _, suffix = split_suffix(m.surface, UNION)
        if word == "省":
            return "浙江省总工会" if suffix == "总工会" else "浙江省" + suffix
        if word == "市":
            if ctx.county and ctx.county.bare.endswith("市"):
                return ctx.county.name + suffix
            return ctx.city.name + suffix if ctx.city else m.surface
        if word in {"区", "县"}:
            if ctx.county and ctx.county.bare.endswith(word):
                return ctx.county.name + suffix
            return m.surface
        # township: the town or street the article names, nearest before the mention
        kind = "街道" if word == "街道" else "镇"
        towns = [t for t in ctx.towns if t[2].endswith(kind) and t[1] <= m.start + 200]
        before = [t for t in towns if t[1] <= m.start] or towns
        if before:
            town = before[-1][2]
            prefix = ctx.county.name if ctx.county else ""
            return prefix + town + suffix
        return m.surface

    def _carrier_union(self, m: Mention, main: Mention | None) -> str:
        word = m.props.get("carrier_word", "")
        if main is not None and main.name and word and word not in main.name:
            # 小镇工会 in a report on 梦想小镇工会联合委员会 is that union, not the main 科技城总工会
            named = [u for u in self.ctx.mentions if u.type == UNION and not u.generic and word in u.name]
            if len({u.name for u in named}) == 1:
                return named[0].name
        if main is not None and main.name and (word in main.name or main.props.get("level") == "carrier"):
            return main.name
        for c in self.ctx.mentions:
            if c.type == CARRIER and c.name and word and c.name.endswith(word):
                _, suffix = split_suffix(m.surface, UNION)
                return c.name + suffix
        return m.surface

    def resolve(self, mentions: list[Mention]) -> None:
        ctx = self.ctx
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
            elif m.type in (PERSON, BRAND):
                m.name = m.props.get("canonical", surface)
            elif m.type == ADMIN_AREA:
                place = gazetteer().lookup(surface, ctx.city.name if ctx.city else "")
                m.name = place.name if place else m.props.get("canonical", surface)
            else:
                m.name = surface
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
        self._merge_suffix_forms(mentions)
        main = self._main_union(mentions)
        ctx.main_union = main
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
                elif "level_word" in m.props:
                    m.name = self._level_union(m)
                else:
                    m.name = self._carrier_union(m, main)
            elif m.type == PARTY:
                m.name = self._generic_party(m)
                m.drop = m.name == m.surface and len(m.surface) <= 3  # 党委, 党工委: unresolved
            else:
                m.name = m.surface
        main = self._recount_main(mentions, main)
        # a named mention whose core is a tail of the main union's core is the main union
        if main is not None:
            keys = _union_keys(main.name)
            for m in mentions:
                if m.type == UNION and m is not main and not m.generic and m.name != main.name:
                    core, _ = split_suffix(m.name, UNION)
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
        (小镇工会) are resolved: a report on 梦想小镇 says 小镇工会 more often than 科技城总工会."""
        if main is None or self.ctx.in_heading(main):
            return main
        counts: dict[str, int] = defaultdict(int)
        for m in mentions:
            if m.type == UNION and m.name and not m.drop:
                counts[m.name] += 1
        best = max(counts, key=lambda n: counts[n])
        if counts[best] > counts.get(main.name, 0):
            main = next(m for m in mentions if m.type == UNION and m.name == best and not m.drop)
            self.ctx.main_union = main
        return main

    def _generic_party(self, m: Mention) -> str:
        ctx = self.ctx
        core, suffix = split_suffix(m.surface, PARTY)
        if core in {"镇", "街道"}:
            towns = [t for t in ctx.towns if t[2].endswith(core)]
            if towns:
                return (ctx.county.name if ctx.county else "") + towns[0][2] + suffix
        if core and ctx.main_carrier is not None and core in ctx.main_carrier.name:
            return party_prefix(ctx.main_carrier.name + suffix, ctx)
        for c in ctx.mentions:
            if c.type == CARRIER and core and c.name.endswith(core):
                return party_prefix(c.name + suffix, ctx)
        if core in {"区", "县", "市"} and m.surface.endswith("委"):
            return m.surface
        return m.surface

    def _merge_suffix_forms(self, mentions: list[Mention]) -> None:
        """Within an article, a short name that ends a longer one of the same type is that one."""
        by_type: dict[str, list[Mention]] = defaultdict(list)
        for m in mentions:
            if not m.generic and m.type in (UNION, CARRIER, PARTY):
                by_type[m.type].append(m)
        for etype, group in by_type.items():
            names = sorted({m.name for m in group}, key=len, reverse=True)
            target: dict[str, str] = {}
            for short in names:
                core, suffix = split_suffix(short, etype)
                if len(core) < 2:
                    continue
                longer = [n for n in names if len(n) > len(short) and n.endswith(short)]
                if etype == UNION:
                    longer += [n for n in names if len(n) > len(short) and n not in longer and
                               split_suffix(n, etype)[1] == suffix and _bracketless(n).endswith(short)]
                if len(set(longer)) >= 1:
                    best = max(longer, key=len)
                    target[short] = target.get(best, best)
            for m in group:
                m.name = target.get(m.name, m.name)

    def _main_union(self, mentions: list[Mention]) -> Mention | None:
        unions = [m for m in mentions if m.type == UNION and not m.generic and not m.drop]
        heading = [m for m in unions if self.ctx.in_heading(m)]
        if heading:
            return max(heading, key=lambda m: len(m.name))
        carriers = [m for m in mentions if m.type == CARRIER and self.ctx.in_heading(m)]
        if carriers:
            self.ctx.main_carrier = carriers[0]
        if not unions:
            return None
        counts: dict[str, int] = defaultdict(int)
        for m in unions:
            counts[m.name] += 1
        best = max(unions, key=lambda m: (counts[m.name], -m.start))
        return best


def _bracketless(name: str) -> str:
    return re.sub(r"\([^)]*\)", "", name)


def _union_keys(name: str) -> set[str]:
    """Cores by which a union may be named: with and without its bracket part, and the part."""
    core, _ = split_suffix(name, UNION)
    keys = {core, _bracketless(core)}
    for inner in re.findall(r"\(([^)]*)\)", core):
        keys.add(inner)
    county, city, used = gazetteer().parse_prefix(core)
    keys |= {k[used:] for k in list(keys) if len(k) > used}
    return {k for k in keys if k}


# --- building records ----------------------------------------------------------------------

def _entity_props(m: Mention) -> dict:
    if m.type == UNION:
        return {"form": m.props.get("form", "其他"), "level": m.props.get("level", "")}
    if m.type == CARRIER:
        county, city = _place_of(m.name)
        if not county and not city and m.props.get("county_hint"):
            county = m.props["county_hint"]
            city = gazetteer().city_of(county)
        ctype = m.props.get("carrierType") or carrier_type(m.name)
        return {"carrierType": ctype, "county": county, "city": city}
    if m.type == ADMIN_AREA:
        return {"adminLevel": m.props.get("adminLevel", "")}
    return {k: v for k, v in m.props.items() if k in {"kind", "role", "date"}}


def build_article(ctx: ArticleContext, mentions: list[Mention], rels: list[RelMention]) -> ArticleExtraction:
    """Entities (one per canonical name, aliases = other surface forms) and relations."""
    entities: dict[tuple[str, str], Entity] = {}
    for m in sorted(mentions, key=lambda x: x.start):
        if m.drop or not m.name:
            continue
        key = (m.type, m.name)
        entity = entities.get(key)
        if entity is None:
            entity = entities[key] = Entity(m.type, m.name, [], _entity_props(m), [])
        elif m.type == UNION and not entity.props.get("level") and m.props.get("level"):
            entity.props["level"] = m.props["level"]
        if m.surface != m.name and m.surface not in entity.aliases and not m.props.get("anaphor"):
            entity.aliases.append(m.surface)
        if len(entity.evidence) < 3:
            sentence = ctx.sentence_at(m.start)
            entity.evidence.append(ctx.evidence(min(sentence.start, m.start), max(sentence.end, m.end)))
    relations: dict[tuple, Relation] = {}
    for r in rels:
        head = r.head if isinstance(r.head, str) else r.head.name
        tail = r.tail if isinstance(r.tail, str) else r.tail.name
        if not head or not tail or head == tail:
            continue
        if isinstance(r.head, Mention) and r.head.drop or isinstance(r.tail, Mention) and r.tail.drop:
            continue
        key = (r.type, head, tail)
        rel = relations.get(key)
        if rel is None:
            rel = relations[key] = Relation(r.type, head, tail, dict(r.props), [])
        else:
            for k, v in r.props.items():
                rel.props.setdefault(k, v)
        if len(rel.evidence) < 3:
            ev = ctx.evidence(r.start, r.end)
            rel.evidence.append(_with_surfaces(ev, r))
    return ArticleExtraction(ctx.article, list(entities.values()), list(relations.values()))


def _with_surfaces(ev: Evidence, r: RelMention) -> Evidence:
    from dataclasses import replace

    return replace(ev, surfaces=tuple(s for s in (r.head_surface, r.tail_surface) if s))


# --- corpus-wide merge ---------------------------------------------------------------------

def _canonical_map(extractions: Iterable[ArticleExtraction]) -> dict[tuple[str, str], str]:
    """Within one document, a name that ends a longer prefixed name of the same type (and is
    claimed by no other) is the same body: 梦想小镇工会联合委员会 → 杭州市余杭区梦想小镇工会联合委员会."""
    names: dict[str, set[str]] = defaultdict(set)
    aliases: dict[tuple[str, str], set[str]] = defaultdict(set)
    for ex in extractions:
        for e in ex.entities:
            names[e.type].add(e.name)
            aliases[(e.type, e.name)].update(e.aliases)
    out: dict[tuple[str, str], str] = {}
    for etype, group in names.items():
        if etype not in (UNION, CARRIER, PARTY):
            continue
        for short in group:
            core, _ = split_suffix(short, etype)
            if len(core) < 3 or gazetteer().parse_prefix(short)[2] == len(core):
                continue
            longer = {n for n in group if n != short and (n.endswith(short) or short in aliases[(etype, n)])}
            if len(longer) == 1:
                out[(etype, short)] = longer.pop()
    return out


def unify_document(extractions: list[ArticleExtraction]) -> None:
    """Rename entities and relation ends of one document to the document-wide canonical names."""
    mapping = _canonical_map(extractions)
    if not mapping:
        return
    by_name = {name: target for (_, name), target in mapping.items()}
    for ex in extractions:
        merged: dict[tuple[str, str], Entity] = {}
        for e in ex.entities:
            target = mapping.get((e.type, e.name), e.name)
            if target != e.name and e.name not in e.aliases:
                e.aliases.append(e.name)
            e.name = target
            key = (e.type, e.name)
            if key in merged:
                _merge_entity(merged[key], e)
            else:
                merged[key] = e
        ex.entities = list(merged.values())
        rels: dict[tuple, Relation] = {}
        for r in ex.relations:
            r.head = by_name.get(r.head, r.head)
            r.tail = by_name.get(r.tail, r.tail)
            key = (r.type, r.head, r.tail)
            if key in rels:
                rels[key].evidence.extend(r.evidence)
            elif r.head != r.tail:
                rels[key] = r
        ex.relations = list(rels.values())


def _merge_entity(into: Entity, other: Entity) -> None:
    for alias in other.aliases:
        if alias not in into.aliases and alias != into.name:
            into.aliases.append(alias)
    for k, v in other.props.items():
        if v and not into.props.get(k):
            into.props[k] = v
    into.evidence.extend(other.evidence)


def merge_corpus(extractions: list[ArticleExtraction]) -> tuple[list[Entity], list[Relation]]:
    """One entity per (type, canonical name) across the corpus, evidence merged; same for edges.
    Adds the place hierarchy (county → city → 浙江省) as AdminArea entities and LOCATED_IN."""
    entities: dict[tuple[str, str], Entity] = {}
    relations: dict[tuple[str, str, str], Relation] = {}
    renamed = _prefix_variants(extractions)
    for ex in extractions:
        for e in ex.entities:
            if e.type == UNION and e.name in renamed:
                e.aliases = sorted({*e.aliases, e.name} - {renamed[e.name]})
                e.name = renamed[e.name]
        for r in ex.relations:
            r.head = renamed.get(r.head, r.head)
            r.tail = renamed.get(r.tail, r.tail)
        for e in ex.entities:
            key = (e.type, e.name)
            if key not in entities:
                entities[key] = Entity(e.type, e.name, list(e.aliases), dict(e.props), list(e.evidence))
            else:
                _merge_entity(entities[key], e)
        for r in ex.relations:
            key = (r.type, r.head, r.tail)
            if key not in relations:
                relations[key] = Relation(r.type, r.head, r.tail, dict(r.props), list(r.evidence))
            else:
                relations[key].evidence.extend(r.evidence)
                for k, v in r.props.items():
                    relations[key].props.setdefault(k, v)
    _place_hierarchy(entities, relations)
    return list(entities.values()), list(relations.values())


_GENERIC_UNION_CORES = {"总工会", "工会", "工会联合会", "工会联合委员会", "联合工会", "工会委员会"}


def _prefix_variants(extractions: Iterable[ArticleExtraction]) -> dict[str, str]:
    """Union names that differ only in how their administrative prefix is written
    (浦江水晶产业园区总工会 / 浦江县水晶产业园区总工会, 南浔区X / 湖州市南浔区X) denote one body:
    map each variant to the most fully prefixed one. A bare form suffix (总工会) is never merged,
    since 湖州市总工会 and 南浔区总工会 are different bodies."""
    gaz = gazetteer()
    groups: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for ex in extractions:
        for e in ex.entities:
            if e.type != UNION:
                continue
            county, city, consumed = gaz.parse_prefix(e.name)
            core = e.name[consumed:]
            if core and core not in _GENERIC_UNION_CORES:
                groups[core].append((e.name, county.name if county else "", city.name if city else ""))
    renamed: dict[str, str] = {}
    for variants in groups.values():
        distinct = sorted(set(variants))
        if len(distinct) < 2:
            continue
        counties = {county for _, county, _ in distinct if county}
        cities = {city for _, _, city in distinct if city}
        if len(counties) > 1 or len(cities) > 1:
            continue  # different places: different bodies

        def completeness(variant: tuple[str, str, str]) -> tuple[int, int, int, str]:
            name, county, city = variant
            return (bool(county) + bool(city), int(county in name) + int(city in name), len(name), name)

        canonical = max(distinct, key=completeness)[0]
        for name, _, _ in distinct:
            if name != canonical:
                renamed[name] = canonical
    return renamed


def _place_hierarchy(
    entities: dict[tuple[str, str], Entity], relations: dict[tuple[str, str, str], Relation]
) -> None:
    gaz = gazetteer()
    places = [e for e in entities.values() if e.type == ADMIN_AREA]
    for carrier in [e for e in entities.values() if e.type == CARRIER]:
        place = carrier.props.get("county") or carrier.props.get("city")
        if place:
            relations.setdefault((LOCATED_IN, carrier.name, place),
                                 Relation(LOCATED_IN, carrier.name, place, {}, carrier.evidence[:1]))
            if (ADMIN_AREA, place) not in entities:
                level = gaz.places[place].level if place in gaz.places else "county"
                entities[(ADMIN_AREA, place)] = Entity(ADMIN_AREA, place, [], {"adminLevel": level}, [])
                places.append(entities[(ADMIN_AREA, place)])
    for entity in list(places):
        name = entity.name
        while name in gaz.places and gaz.places[name].parent:
            parent = gaz.places[name].parent
            if (ADMIN_AREA, parent) not in entities:
                entities[(ADMIN_AREA, parent)] = Entity(ADMIN_AREA, parent, [],
                                                        {"adminLevel": gaz.places[parent].level}, [])
            relations.setdefault((LOCATED_IN, name, parent), Relation(LOCATED_IN, name, parent, {}, []))
            name = parent
    assert PROVINCE in gaz.places
