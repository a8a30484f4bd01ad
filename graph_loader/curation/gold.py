"""Corrections as gold: the facts researchers confirmed, added or re-dated, and those they rejected,
in the gold format `../shared/tools/score.py` reads, so a team can score the extractor against its
own reviewers. Rejections go into each record's `must_not` list (facts the extractor must not give).

One record per article, keyed like the extractor's output (`doc`, `article` title); an edge sits in
the article of its first evidence (for an added edge, the researcher's citation).
"""

from __future__ import annotations

from typing import Any

from graph_loader.curation.apply import CuratedGraph
from graph_loader.records import Article, ConceptRef, EntityRef, Relation

KEEP = ("confirm-edge", "add-edge", "set-year")


def gold_records(curated: CuratedGraph) -> list[dict[str, Any]]:
    articles: dict[str, Article] = {article.id: article for article in curated.graph.articles}
    entities = {(entity.type, entity.name): entity for entity in curated.graph.entities}
    records: dict[str, dict[str, Any]] = {}
    for correction, relation in curated.edges:
        if not relation.evidence or correction.kind not in (*KEEP, "reject-edge"):
            continue
        article = articles.get(relation.evidence[0].article_id)
        if article is None:
            continue
        record = records.setdefault(
            article.id,
            {
                "doc": article.doc_id,
                "article": " ".join(p for p in (article.title, article.subtitle) if p),
                "entities": [],
                "relations": [],
                "must_not": [],
            },
        )
        fact = _relation(relation)
        if correction.kind == "reject-edge":
            record["must_not"].append(fact)
            continue
        record["relations"].append(fact)
        for end in (relation.head, relation.tail):
            if isinstance(end, EntityRef):
                entity = entities.get((end.cls, end.name))
                entry = {"type": end.cls, "name": end.name, "aliases": list(entity.aliases) if entity else []}
                if entry not in record["entities"]:
                    record["entities"].append(entry)
    return [records[key] for key in sorted(records)]


def _relation(relation: Relation) -> dict[str, Any]:
    fact: dict[str, Any] = {"type": relation.type, "head": _name(relation.head), "tail": _name(relation.tail)}
    for prop in ("year", "level", "title"):
        if relation.props.get(prop) not in (None, ""):
            fact[prop] = relation.props[prop]
    return fact


def _name(end: Any) -> str:
    return end.label if isinstance(end, EntityRef | ConceptRef) else str(end)
