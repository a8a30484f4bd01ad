"""Extraction of entities and relations from one article.

`extract_article` runs these stages, in this order:
1. context (context.build_context): heading, sentences, the article's county/city and towns;
2. entity families (ENTITY_FAMILIES, one module each) → mentions, overlaps dropped;
3. article resolution (article_resolution.resolve_article): canonical names on the mentions;
   returns the context with mentions, main_union and main_carrier set;
4. relation families (RELATION_FAMILIES, one module each) → relation mentions;
   then the inference layer (inference.infer): named rules over those relations (a brand's
   practice is its operator's, party leadership is party-led union building, …);
5. records (records_builder.build_article): frozen Entity/Relation/Evidence records with typed
   relation ends and dated adoption evidence.
Document- and corpus-wide merging is graph_loader.resolve's job, called by the pipeline.
"""

from __future__ import annotations

from dataclasses import replace

from graph_loader.extract import (
    rel_brands,
    rel_events,
    rel_people,
    rel_places,
    rel_practices,
    rel_programs,
    rel_spread,
    rel_structure,
)
from graph_loader.extract.article_resolution import resolve_article
from graph_loader.extract.base import Mention, RelMention
from graph_loader.extract.brands import find_brands
from graph_loader.extract.carriers import find_carriers
from graph_loader.extract.context import ArticleContext, build_context
from graph_loader.extract.events import find_events, find_venues
from graph_loader.extract.inference import infer
from graph_loader.extract.mention_index import MentionIndex
from graph_loader.extract.others import find_others
from graph_loader.extract.party import find_party
from graph_loader.extract.persons import find_persons
from graph_loader.extract.places import find_places
from graph_loader.extract.records_builder import build_article
from graph_loader.extract.unions import find_unions
from graph_loader.records import Article, ArticleExtraction, NormalizedDocument
from graph_loader.reference.lexicon import ADMIN_AREA, BRAND, CARRIER, EVENT, HONOR, PERSON, POLICY

ENTITY_FAMILIES = (
    find_unions, find_party, find_others, find_carriers, find_persons, find_brands, find_places,
    find_events, find_venues,
)
RELATION_FAMILIES = (
    rel_structure.covers,
    rel_structure.party_building,
    rel_structure.sub_organizations,
    rel_people.positions,
    rel_people.authorship,
    rel_practices.adoptions,
    rel_brands.brand_relations,
    rel_programs.participations,
    rel_spread.spread_claims,
    rel_places.locations,
    rel_events.honours,
    rel_events.events,
    rel_events.policies,
    rel_events.partners,
    rel_events.memberships,
)


def find_mentions(ctx: ArticleContext) -> list[Mention]:
    """All entity mentions; an organisation mention hides overlapping ones of other org types."""
    mentions: list[Mention] = []
    for family in ENTITY_FAMILIES:
        mentions.extend(family(ctx.text))
    return _drop_overlaps(mentions)


def _drop_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Carriers, places and persons may sit inside organisation names; organisations may not
    overlap each other (the longer wins), and a brand hides nothing but persons inside it.

    Linear, not mentions × kept: kept organisations are disjoint, so a character map of the
    text they occupy answers "does this one overlap a kept one?"; containment in a kept
    organisation or a brand is a bisect (mention_index.covering)."""
    nested_ok = {CARRIER, ADMIN_AREA, HONOR, EVENT, POLICY}
    orgs = sorted((m for m in mentions if m.type not in nested_ok | {PERSON, BRAND}),
                  key=lambda m: (-(m.end - m.start), m.start))
    occupied = bytearray(max((m.end for m in orgs), default=0))
    kept: list[Mention] = []
    for m in orgs:
        if m.start < m.end and 1 in occupied[m.start:m.end]:
            continue
        occupied[m.start:m.end] = b"\x01" * (m.end - m.start)
        kept.append(m)
    brands = [m for m in mentions if m.type == BRAND]
    hiding = MentionIndex(kept + brands)
    brand_index = MentionIndex(brands)
    persons = [m for m in mentions if m.type == PERSON and not hiding.covering(m.start, m.end)]
    carriers = [m for m in mentions if m.type == CARRIER and not brand_index.covering(m.start, m.end)]
    places = [m for m in mentions if m.type == ADMIN_AREA]
    events = [m for m in mentions if m.type in (HONOR, EVENT, POLICY)]
    return kept + brands + persons + carriers + places + events


def rule_name(family: object) -> str:
    """A relation family's default rule name: `rel_practices.adoptions`."""
    module = str(getattr(family, "__module__", "")).rsplit(".", 1)[-1]
    return f"{module}.{getattr(family, '__name__', 'rule')}"


def find_relations(ctx: ArticleContext, mentions: list[Mention]) -> list[RelMention]:
    """Every family's relation mentions, each stamped with the rule that produced it (a family
    may name finer rules itself; otherwise the family's name is the rule)."""
    out: list[RelMention] = []
    for family in RELATION_FAMILIES:
        default = rule_name(family)
        out.extend(r if r.rule else replace(r, rule=default) for r in family(ctx, mentions))
    return out


def extract_article(article: Article, ndoc: NormalizedDocument) -> ArticleExtraction:
    """Entities and relations of one article, with canonical names and evidence."""
    ctx = build_context(article, ndoc)
    mentions = find_mentions(ctx)
    ctx = resolve_article(ctx, mentions)
    relations = find_relations(ctx, mentions)
    relations += infer(ctx, mentions, relations)
    return build_article(ctx, mentions, relations)


__all__ = ["extract_article", "find_mentions", "find_relations", "ArticleContext"]
