"""The document- and corpus-wide merge: one node per real-world body, one edge per fact.

Why a stage of its own: article resolution (graph_loader.extract.article_resolution) names
each article's mentions from that article alone. Here mentions of one body across the articles
of a document (梦想小镇工会联合委员会 → 杭州市余杭区梦想小镇工会联合委员会) and across the corpus
(浦江水晶产业园区总工会 / 浦江县水晶产业园区总工会) become one canonical name, whose aliases are every
surface form seen and whose evidence lists are merged; relation ends (`EntityRef`) are renamed
with their entities. Every function here is pure: it returns new records (dataclasses.replace)
and never changes the extractions it is given — the gold-format output prints the renamed
extractions these functions return.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from graph_loader.extract.naming import split_suffix
from graph_loader.records import ArticleExtraction, ArticleRef, Entity, EntityRef, Relation, RelationEnd
from graph_loader.reference.gazetteer import PROVINCE, gazetteer
from graph_loader.reference.lexicon import ADMIN_AREA, CARRIER, LOCATED_IN, PARTY, UNION, union_suffixes


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


def _rename_end(end: RelationEnd, mapping: dict[tuple[str, str], str]) -> RelationEnd:
    """An entity end renamed with its entity. An article end whose title is a renamed name is
    renamed too: the merge used to rename ends by name alone, and the gold-format output (an
    AUTHORED tail prints the title) must stay byte-identical; its Article key is unaffected."""
    if isinstance(end, EntityRef) and (end.cls, end.name) in mapping:
        return replace(end, name=mapping[(end.cls, end.name)])
    if isinstance(end, ArticleRef):
        by_name = {name: target for (_, name), target in mapping.items()}
        if end.title in by_name:
            return replace(end, title=by_name[end.title])
    return end


def unify_document(extractions: list[ArticleExtraction]) -> list[ArticleExtraction]:
    """The extractions of one document with entities and relation ends renamed to the
    document-wide canonical names (entities and edges that become one are merged)."""
    mapping = _canonical_map(extractions)
    if not mapping:
        return list(extractions)
    out = []
    for ex in extractions:
        merged: dict[tuple[str, str], Entity] = {}
        for e in ex.entities:
            target = mapping.get((e.type, e.name), e.name)
            aliases = [*e.aliases, e.name] if target != e.name and e.name not in e.aliases else list(e.aliases)
            e = replace(e, name=target, aliases=aliases)
            key = (e.type, e.name)
            merged[key] = _merged_entity(merged[key], e) if key in merged else e
        rels: dict[tuple, Relation] = {}
        for r in ex.relations:
            r = replace(r, head=_rename_end(r.head, mapping), tail=_rename_end(r.tail, mapping))
            if r.key in rels:
                rels[r.key] = replace(rels[r.key], evidence=[*rels[r.key].evidence, *r.evidence])
            elif r.head.label != r.tail.label:
                rels[r.key] = r
        out.append(replace(ex, entities=list(merged.values()), relations=list(rels.values())))
    return out


def _merged_entity(into: Entity, other: Entity) -> Entity:
    """`into` with the aliases, missing props and evidence of `other` (a new record)."""
    aliases = list(into.aliases)
    for alias in other.aliases:
        if alias not in aliases and alias != into.name:
            aliases.append(alias)
    props = dict(into.props)
    for k, v in other.props.items():
        if v and not props.get(k):
            props[k] = v
    return replace(into, aliases=aliases, props=props, evidence=[*into.evidence, *other.evidence])


def unify_corpus(extractions: list[ArticleExtraction]) -> list[ArticleExtraction]:
    """The extractions with union names that differ only in how their prefix is written
    renamed to the most fully prefixed one (see _prefix_variants), entities and relation ends alike."""
    renamed = _prefix_variants(extractions)
    if not renamed:
        return list(extractions)
    mapping = {(UNION, name): target for name, target in renamed.items()}
    out = []
    for ex in extractions:
        entities = [
            replace(e, name=renamed[e.name], aliases=sorted({*e.aliases, e.name} - {renamed[e.name]}))
            if e.type == UNION and e.name in renamed else e
            for e in ex.entities
        ]
        relations = [replace(r, head=_rename_end(r.head, mapping), tail=_rename_end(r.tail, mapping))
                     for r in ex.relations]
        out.append(replace(ex, entities=entities, relations=relations))
    return out


def merge_corpus(extractions: list[ArticleExtraction]) -> tuple[list[Entity], list[Relation]]:
    """One entity per (type, canonical name) across the corpus, evidence merged; same for edges.
    Adds the place hierarchy (county → city → 浙江省) as AdminArea entities and LOCATED_IN.
    Takes extractions whose names are already unified (unify_document, then unify_corpus)."""
    entities: dict[tuple[str, str], Entity] = {}
    relations: dict[tuple, Relation] = {}
    for ex in extractions:
        for e in ex.entities:
            key = (e.type, e.name)
            if key not in entities:
                entities[key] = replace(e, aliases=list(e.aliases), props=dict(e.props), evidence=list(e.evidence))
            else:
                entities[key] = _merged_entity(entities[key], e)
        for r in ex.relations:
            if r.key not in relations:
                relations[r.key] = replace(r, props=dict(r.props), evidence=list(r.evidence))
            else:
                known = relations[r.key]
                extra = {k: v for k, v in r.props.items() if k not in known.props}
                if float(r.props.get("confidence", 0)) > float(known.props.get("confidence", 0)):
                    extra.update(rule=r.props["rule"], confidence=r.props["confidence"])
                relations[r.key] = replace(known, props={**known.props, **extra},
                                           evidence=[*known.evidence, *r.evidence])
    _place_hierarchy(entities, relations)
    return list(entities.values()), list(relations.values())


# a core that is itself a union suffix names no place or carrier: nothing to merge on
_GENERIC_UNION_CORES = frozenset(union_suffixes())


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



def _place_hierarchy(entities: dict[tuple[str, str], Entity], relations: dict[tuple, Relation]) -> None:
    """Add (to the merge's own accumulators) every carrier's county or city and every place's
    ancestors up to 浙江省, as AdminArea entities and LOCATED_IN edges."""
    gaz = gazetteer()

    def located_in(child: EntityRef, parent: EntityRef, evidence: list) -> None:
        relations.setdefault((LOCATED_IN, child, parent), Relation(LOCATED_IN, child, parent, {}, evidence))

    places = [e for e in entities.values() if e.type == ADMIN_AREA]
    for carrier in [e for e in entities.values() if e.type == CARRIER]:
        place = carrier.props.get("county") or carrier.props.get("city")
        if place:
            located_in(carrier.ref, EntityRef(ADMIN_AREA, place), carrier.evidence[:1])
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
            located_in(EntityRef(ADMIN_AREA, name), EntityRef(ADMIN_AREA, parent), [])
            name = parent
    assert PROVINCE in gaz.places
