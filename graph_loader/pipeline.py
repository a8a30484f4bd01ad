"""The extraction pipeline: the only module that knows the order of the stages.

files → decode (sources) → normalise (+offset map) → segment into articles → extract per
article (entities, relations, evidence) → resolve across articles and documents.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from graph_loader.extract import extract_article
from graph_loader.records import (
    Article,
    ArticleExtraction,
    Entity,
    NormalizedDocument,
    Relation,
    ResolvedGraph,
    SourceDocument,
)
from graph_loader.resolve import merge_corpus, unify_document
from graph_loader.text.normalize import normalize
from graph_loader.text.segment import segment
from graph_loader.text.sources import load_corpus
from ontology.model import get_ontology


@dataclass
class PipelineResult:
    documents: list[SourceDocument] = field(default_factory=list)
    normalized: list[NormalizedDocument] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    extractions: list[ArticleExtraction] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)

    @property
    def graph(self) -> ResolvedGraph:
        """The resolved graph, as the writer and the RDF export take it."""
        return ResolvedGraph(tuple(self.documents), tuple(self.articles), tuple(self.entities), tuple(self.relations))


def _documents(paths: Iterable[str | Path]) -> list[SourceDocument]:
    docs: list[SourceDocument] = []
    for path in paths:
        docs.extend(load_corpus(path))
    return docs


def run_extraction(
    paths: str | Path | Iterable[str | Path], on_document: Callable[[SourceDocument], None] | None = None
) -> PipelineResult:
    """Run every stage over a corpus folder, a file, or several of them.

    `on_document` is called after each document is extracted (progress bars)."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    result = PipelineResult(documents=_documents(paths))
    for source in result.documents:
        ndoc = normalize(source)
        result.normalized.append(ndoc)
        articles = segment(ndoc)
        result.articles.extend(articles)
        doc_extractions = [extract_article(article, ndoc) for article in articles]
        unify_document(doc_extractions)
        result.extractions.extend(doc_extractions)
        if on_document is not None:
            on_document(source)
    entities, relations = merge_corpus(result.extractions)
    result.entities, result.relations = evidenced_only(entities, relations)
    return result


def evidenced_only(entities: list[Entity], relations: list[Relation]) -> tuple[list[Entity], list[Relation]]:
    """Keep only facts a sentence supports: every node and edge of the graph must be traceable.

    An entity without evidence (e.g. a place known only from the gazetteer) is dropped; an edge
    keeps only evidence whose sentence names both ends (one end for an edge to an article, the
    article itself being the other) and is dropped when none is left. Done here, once, for
    every consumer (Neo4j writer, RDF export, analytics).
    """
    ont = get_ontology()
    article = ont.label("Article")
    kept = [entity for entity in entities if entity.evidence]
    names = {entity.name for entity in kept}

    def known(reference: str) -> bool:  # concept references ("practice:<id>") are always known
        return reference in names or reference.startswith(("practice:", "program:"))

    kept_relations = []
    for relation in relations:
        to_article = article in ont.relations[ont.rel(relation.type)].range
        needed = 1 if to_article else 2
        evidence = [ev for ev in relation.evidence if len([s for s in ev.surfaces if s]) >= needed]
        if evidence and known(relation.head) and (to_article or known(relation.tail)):
            relation.evidence = evidence
            kept_relations.append(relation)
    return kept, kept_relations
