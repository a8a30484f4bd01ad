"""The last stage of `extract_article`: the article's resolved mentions become records.

Why apart from resolution: resolution decides names; this stage only turns mentions and
relation mentions into the frozen records every later stage reads — one `Entity` per canonical
name (aliases = the other surface forms seen), one `Relation` per (type, head, tail) with typed
ends (`EntityRef`, `ConceptRef`, `ArticleRef`: the one place a finder's `practice:<id>` /
`program:<id>` string or an article title is read), and `Evidence` with the surface forms of a
relation's ends and, for adoptions and spread claims, the date it gives (evidence_dates).
"""

from __future__ import annotations

from dataclasses import replace

from graph_loader.extract.base import Mention, RelMention
from graph_loader.extract.carriers import carrier_type
from graph_loader.extract.context import ArticleContext
from graph_loader.extract.evidence_dates import dated
from graph_loader.records import (
    ArticleExtraction,
    ArticleRef,
    ConceptRef,
    Entity,
    EntityRef,
    Evidence,
    Relation,
    RelationEnd,
)
from graph_loader.reference.gazetteer import gazetteer
from graph_loader.reference.lexicon import ADMIN_AREA, ADOPTS, CARRIER, SPREAD_TO, UNION, rule_confidence
from ontology.model import get_ontology

CONCEPT_SCHEMES = ("practice", "program")


def _place_of(name: str) -> tuple[str, str]:
    """(county, city) canonical names of a carrier or body from its prefix."""
    county, city, _ = gazetteer().parse_prefix(name)
    return (county.name if county else "", city.name if city else "")


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
    relations: dict[tuple[str, RelationEnd, RelationEnd], Relation] = {}
    for r in rels:
        head, tail = _end(ctx, r.type, r.head), _end(ctx, r.type, r.tail)
        if head is None or tail is None or head.label == tail.label:
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
        _credit(rel.props, r.rule)
        if len(rel.evidence) < 3:
            ev = ctx.evidence(r.start, r.end)
            rel.evidence.append(_with_surfaces(ev, r))
    return ArticleExtraction(ctx.article, list(entities.values()), [_dated(rel) for rel in relations.values()])


def _credit(props: dict[str, object], rule: str) -> None:
    """Provenance: the most confident rule that found the edge, and its confidence."""
    confidence = rule_confidence(rule)
    if confidence > float(props.get("confidence", -1.0)):  # type: ignore[arg-type]
        props["rule"], props["confidence"] = rule, confidence


def _end(ctx: ArticleContext, rel_type: str, end: Mention | str) -> RelationEnd | None:
    """The typed end of a relation mention; None when it names nothing (an unresolved mention)."""
    if isinstance(end, Mention):
        return EntityRef(end.type, end.name) if end.name else None
    if not end:
        return None
    ont = get_ontology()
    if ont.label("Article") in ont.relations[ont.rel(rel_type)].range:
        return ArticleRef(ctx.article.id, end)
    scheme, sep, concept_id = end.partition(":")
    if not sep or scheme not in CONCEPT_SCHEMES:
        raise ValueError(f"{rel_type} end {end!r} is neither a mention, a concept nor the article")
    return ConceptRef(scheme, concept_id)


def _with_surfaces(ev: Evidence, r: RelMention) -> Evidence:
    return replace(ev, surfaces=tuple(s for s in (r.head_surface, r.tail_surface) if s))


def _dated(rel: Relation) -> Relation:
    """An adoption's or spread claim's evidence carries the date it gives to the practice."""
    if rel.type == ADOPTS and isinstance(rel.tail, ConceptRef) and rel.tail.scheme == "practice":
        practice = rel.tail.id
    elif rel.type == SPREAD_TO and rel.props.get("practice"):
        practice = str(rel.props["practice"])
    else:
        return rel
    return replace(rel, evidence=[dated(ev, practice) for ev in rel.evidence])
