"""The extraction pipeline: the only module that knows the order of the stages.

files → decode (sources) → normalise (+offset map) → segment into articles → extract per
article (entities, relations, evidence; graph_loader.extract lists its own stages) → page
numbers of PDF evidence (text.pages) → unify names per document → unify names across the
corpus → merge into one graph → keep what evidence supports. Every stage returns new records;
`extractions` holds the unified per-article records (what `ukg extract` prints),
`entities`/`relations` the merged graph.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from graph_loader.extract import extract_article
from graph_loader.records import (
    Article,
    ArticleExtraction,
    ArticleRef,
    ConceptRef,
    Entity,
    NormalizedDocument,
    Relation,
    ResolvedGraph,
    SourceDocument,
)
from graph_loader.resolve import merge_corpus, unify_corpus, unify_document
from graph_loader.text.normalize import normalize
from graph_loader.text.pages import with_pages
from graph_loader.text.segment import segment
from graph_loader.text.sources import load_corpus, unique_content


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
    return unique_content(docs)


def run_extraction(
    paths: str | Path | Iterable[str | Path],
    on_document: Callable[[SourceDocument], None] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> PipelineResult:
    """Run every stage over a corpus folder, a file, or several of them.

    `on_document` is called after each document is extracted (progress bars); `on_progress` with
    (documents extracted, documents in all), first with 0 (a build job's percentage)."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    result = PipelineResult(documents=_documents(paths))
    if on_progress is not None:
        on_progress(0, len(result.documents))
    for done, source in enumerate(result.documents, 1):
        ndoc = normalize(source)
        result.normalized.append(ndoc)
        articles = segment(ndoc)
        result.articles.extend(articles)
        extracted = [with_pages(extract_article(article, ndoc), source) for article in articles]
        result.extractions.extend(unify_document(extracted))
        if on_document is not None:
            on_document(source)
        if on_progress is not None:
            on_progress(done, len(result.documents))
    result.extractions = unify_corpus(result.extractions)
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
    kept = [entity for entity in entities if entity.evidence]
    known = {entity.ref for entity in kept}
    kept_relations = []
    for relation in relations:
        to_article = isinstance(relation.tail, ArticleRef)
        needed = 1 if to_article else 2
        evidence = [ev for ev in relation.evidence if len([s for s in ev.surfaces if s]) >= needed]
        ends_known = all(isinstance(end, (ConceptRef, ArticleRef)) or end in known  # concepts are always known
                         for end in (relation.head, relation.tail))
        if evidence and ends_known:
            kept_relations.append(replace(relation, evidence=evidence))
    return kept, kept_relations
