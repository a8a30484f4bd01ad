"""RDF export of the pipeline's records and its serialisation (SHACL validation: rdf_validate).

Why: the ontology is the contract; exporting the records as RDF and validating them with the
shapes is how a run proves it honours it, and the export is the open-data form of the graph.
Every class, property and IRI comes from the façade (ontology.model); nothing here spells a
schema name of its own except the fixed provenance terms of ukg.ttl.

Shape of the export (see the header of ukg.ttl):
- one node per entity (IRI from Ontology.instance_iri), with ukg:name, ukg:aliases and the
  ontology-defined props of its class; unknown props are skipped;
- one plain triple per relation plus a ukg:Assertion (rdf:Statement) carrying its
  properties and ukg:evidence links; Assertion IRIs hash (subject, predicate, object, props);
- one ukg:Evidence per cited span, keyed "<doc>@<rawStart>-<rawEnd>" and shared by every fact
  that sentence supports; entities also get ukg:mentionedIn their evidence's articles;
- documents and articles with their metadata; concepts.ttl is included so the export is
  self-contained (practice labels) and the concept shapes can be checked.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from rdflib import RDF, SKOS, XSD, Graph, Literal, Namespace, URIRef

from graph_loader.rdf_validate import PREFIXES, Violation, concepts_graph, validate
from graph_loader.records import (
    Article,
    ArticleRef,
    ConceptRef,
    Entity,
    EntityRef,
    Evidence,
    Relation,
    RelationEnd,
    SourceDocument,
)
from graph_loader.text.transliterate import pinyin
from ontology.labels import PINYIN_CLASSES
from ontology.model import INST, VOCAB, Ontology, get_ontology, nfkc

log = logging.getLogger(__name__)

__all__ = ["ExportError", "FORMATS", "PREFIXES", "Violation", "graph_to_rdf", "serialize", "typed_date", "validate"]

FORMATS = {"ttl": "turtle", "jsonld": "json-ld", "nt": "nt"}
# Names of PINYIN_CLASSES (ontology.labels) get a pinyin transliteration (skos:altLabel) in this tag.
PINYIN_TAG = "zh-Latn-pinyin"
_DATE_TYPES = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), XSD.date),
    (re.compile(r"^\d{4}-\d{2}$"), XSD.gYearMonth),
    (re.compile(r"^\d{4}$"), XSD.gYear),
)


class ExportError(ValueError):
    """A record the ontology cannot express (unknown class or relationship type)."""


def typed_date(value: str | int) -> Literal:
    """An ISO date, year-month or year as xsd:date / xsd:gYearMonth / xsd:gYear.

    Anything else stays a plain string, which the date shape then reports.
    """
    text = str(value).strip()
    for pattern, datatype in _DATE_TYPES:
        if pattern.match(text) and _valid_date(text):
            return Literal(text, datatype=datatype)
    return Literal(text)


def _valid_date(text: str) -> bool:
    """True when a YYYY[-MM[-DD]] string names a real month/day (2018-13-01 does not)."""
    try:
        datetime.date.fromisoformat((text + "-01-01")[:10] if len(text) < 10 else text)
    except ValueError:
        return False
    return True


def typed_year(value: str | int) -> Literal:
    """A year as xsd:gYear (zero-padded to four digits); non-years stay plain strings."""
    text = str(value).strip()
    return Literal(text.zfill(4), datatype=XSD.gYear) if text.isdigit() else Literal(text)


class _Builder:
    """Accumulates the export graph; one instance per graph_to_rdf call."""

    def __init__(self, ont: Ontology) -> None:
        self.ont = ont
        self.g = Graph()
        for prefix, ns in PREFIXES.items():
            self.g.bind(prefix, Namespace(ns))
        self.names: dict[str, list[tuple[str, URIRef]]] = defaultdict(list)  # for by-lines (authorship)
        self.entities: dict[EntityRef, URIRef] = {}

    # --- provenance ----------------------------------------------------------------------

    def document(self, doc: SourceDocument) -> URIRef:
        iri = self.ont.instance_iri("SourceDocument", doc.id)
        g, p = self.g, self.ont.property_iri
        g.add((iri, RDF.type, VOCAB.SourceDocument))
        g.add((iri, p("id"), Literal(doc.id)))
        for name, value in (
            ("path", doc.path),
            ("contentHash", doc.sha256),
            ("publication", doc.publication),
            ("kind", doc.kind),
            ("encoding", doc.encoding),
        ):
            if value:
                g.add((iri, p(name), Literal(value)))
        if doc.date:
            g.add((iri, p("date"), typed_date(doc.date)))
        self.names[doc.id].append(("SourceDocument", iri))
        return iri

    def article(self, art: Article) -> URIRef:
        iri = self.ont.instance_iri("Article", art.id)
        g, p = self.g, self.ont.property_iri
        g.add((iri, RDF.type, VOCAB.Article))
        g.add((iri, p("id"), Literal(art.id)))
        g.add((iri, VOCAB.partOf, self.ont.instance_iri("SourceDocument", art.doc_id)))
        for name, value in (
            ("title", art.title),
            ("subtitle", art.subtitle),
            ("unit", art.unit),
            ("kind", art.kind),
        ):
            if value:
                g.add((iri, p(name), Literal(value)))
        for name, number in (
            ("index", art.index),
            ("start", art.start),
            ("end", art.end),
            ("rawStart", art.raw_start),
            ("rawEnd", art.raw_end),
        ):
            g.add((iri, p(name), Literal(int(number))))
        if art.date:
            g.add((iri, p("date"), typed_date(art.date)))
        for author in art.authors:
            g.add((iri, p("authors"), Literal(f"{author.role} {author.name}".strip())))
        self.names[art.id].append(("Article", iri))
        if art.title:
            self.names[nfkc(art.title)].append(("Article", iri))
        return iri

    def evidence(self, ev: Evidence) -> URIRef:
        iri = self.ont.instance_iri("Evidence", f"{ev.doc_id}@{ev.raw_start}-{ev.raw_end}")
        g, p = self.g, self.ont.property_iri
        g.add((iri, RDF.type, VOCAB.Evidence))
        g.add((iri, VOCAB.document, self.ont.instance_iri("SourceDocument", ev.doc_id)))
        if ev.article_id:
            g.add((iri, VOCAB.article, self.ont.instance_iri("Article", ev.article_id)))
        g.add((iri, p("rawStart"), Literal(int(ev.raw_start))))
        g.add((iri, p("rawEnd"), Literal(int(ev.raw_end))))
        if ev.quote:
            g.add((iri, p("quote"), Literal(ev.quote)))
        if ev.date:
            g.add((iri, p("date"), typed_date(ev.date)))
        return iri

    # --- entities ------------------------------------------------------------------------

    def entity(self, ent: Entity) -> URIRef:
        try:
            cls = self.ont.classes[self.ont.label(ent.type)]
        except KeyError as error:
            raise ExportError(f"entity {ent.name!r}: {error.args[0]}") from None
        iri = self.ont.instance_iri(cls.name, ent.name)
        g, name = self.g, nfkc(ent.name)
        g.add((iri, RDF.type, cls.iri))
        g.add((iri, VOCAB.name, Literal(name)))
        for alias in ent.aliases:
            if nfkc(alias) and nfkc(alias) != name:
                g.add((iri, VOCAB.aliases, Literal(nfkc(alias))))
        if any(self.ont.is_a(cls.name, kind) for kind in PINYIN_CLASSES):
            g.add((iri, SKOS.altLabel, Literal(pinyin(name), lang=PINYIN_TAG)))
        allowed = self.ont.allowed_properties(cls.name) - {"key", "name", "aliasText"}
        for prop, value in ent.props.items():
            if prop not in allowed:
                log.debug("%s %s: property %r is not in the ontology; skipped", cls.name, name, prop)
                continue
            for item in value if isinstance(value, list | tuple | set) else [value]:
                if item is not None and item != "":
                    g.add((iri, self.ont.property_iri(prop), self._literal(prop, item)))
        for ev in ent.evidence:
            g.add((iri, VOCAB.evidence, self.evidence(ev)))
            if ev.article_id:
                g.add((iri, VOCAB.mentionedIn, self.ont.instance_iri("Article", ev.article_id)))
        self.names[name].append((cls.name, iri))
        self.entities[ent.ref] = iri
        return iri

    @staticmethod
    def _literal(prop: str, value: Any) -> Literal:
        if prop == "date":
            return typed_date(value)
        if prop == "year":
            return typed_year(value)
        return Literal(value)

    # --- relations -----------------------------------------------------------------------

    def _end(self, end: RelationEnd) -> URIRef | None:
        """IRI of a relation end: a concept's, or an exported entity's (None when not exported).

        The end's class is the one extraction saw: an end of a class the relationship does not
        allow is still exported, so that `ukg validate` reports the misuse."""
        if isinstance(end, ConceptRef):
            return self._concept_iri(end)
        if isinstance(end, ArticleRef):
            return self.ont.instance_iri("Article", end.id)
        return self.entities.get(end)

    def _concept_iri(self, ref: ConceptRef) -> URIRef:
        """The concept's IRI; an unknown id still gets its would-be IRI so SHACL reports it."""
        lookup = self.ont.practice if ref.scheme == "practice" else self.ont.program
        try:
            return lookup(ref.id).iri
        except KeyError:
            return INST[f"{ref.scheme}/{ref.id}"]

    def relation(self, rel: Relation) -> URIRef | None:
        try:
            spec = self.ont.relations[self.ont.rel(rel.type)]
        except KeyError as error:
            raise ExportError(f"relation {rel.head.label!r} → {rel.tail.label!r}: {error.args[0]}") from None
        head, tail = self._end(rel.head), self._end(rel.tail)
        if head is None or tail is None:
            missing = rel.head if head is None else rel.tail
            log.warning("%s %s → %s: %r is not a known entity; skipped", spec.name, rel.head.label,
                        rel.tail.label, missing.label)
            return None
        if isinstance(rel.tail, ArticleRef):  # an edge to an article (AUTHORED): a plain triple
            self.g.add((head, spec.iri, tail))
            return None
        g = self.g
        g.add((head, spec.iri, tail))
        props = assertion_props(spec.properties, rel)
        node = assertion_iri(head, spec.iri, tail, props)
        g.add((node, RDF.type, VOCAB.Assertion))
        g.add((node, RDF.subject, head))
        g.add((node, RDF.predicate, spec.iri))
        g.add((node, RDF.object, tail))
        for prop, value in props.items():
            if prop == "practice":
                g.add((node, self.ont.property_iri(prop), self._concept_iri(ConceptRef("practice", str(value)))))
            else:
                g.add((node, self.ont.property_iri(prop), self._literal(prop, value)))
        for ev in rel.evidence:
            g.add((node, VOCAB.evidence, self.evidence(ev)))
        return node

    def authorship(self, art: Article) -> None:
        """AUTHORED edges for by-lined authors that are Person entities of the export."""
        for author in art.authors:
            for class_name, iri in self.names.get(nfkc(author.name), []):
                if class_name == "Person":
                    self.g.add((iri, VOCAB.authored, self.ont.instance_iri("Article", art.id)))


def assertion_props(allowed: Iterable[str], rel: Relation) -> dict[str, Any]:
    """The properties of `rel` its reified assertion carries: the ontology's, when given, sorted."""
    allowed = set(allowed)
    return {k: v for k, v in sorted(rel.props.items()) if k in allowed and v not in (None, "")}


def assertion_iri(head: URIRef, predicate: URIRef, tail: URIRef, props: dict[str, Any]) -> URIRef:
    """The IRI of an edge's reified assertion: a digest of its ends, type and properties, so the
    same edge gets the same IRI in every export (and provenance can point at it)."""
    parts = [str(head), str(predicate), str(tail), *(f"{k}={v}" for k, v in props.items())]
    return INST[f"assertion/{hashlib.sha256(chr(0x1F).join(parts).encode()).hexdigest()[:24]}"]


def graph_to_rdf(
    entities: Iterable[Entity],
    relations: Iterable[Relation],
    articles: Iterable[Article],
    documents: Iterable[SourceDocument],
    *,
    include_concepts: bool = True,
    ontology: Ontology | None = None,
) -> Graph:
    """Build the RDF instance graph of the pipeline's records (see the module docstring)."""
    builder = _Builder(ontology or get_ontology())
    articles = list(articles)
    for doc in documents:
        builder.document(doc)
    for art in articles:
        builder.article(art)
    for ent in entities:
        builder.entity(ent)
    for art in articles:
        builder.authorship(art)
    for rel in relations:
        builder.relation(rel)
    if include_concepts:
        builder.g += concepts_graph()
    return builder.g


def serialize(graph: Graph, fmt: str) -> str:
    """The graph as Turtle ('ttl'), JSON-LD ('jsonld', compacted with the ukg prefixes) or N-Triples ('nt').

    N-Triples lines are sorted so the output is byte-stable across runs.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if fmt == "jsonld":
        return graph.serialize(format="json-ld", context=PREFIXES, auto_compact=True)
    text = graph.serialize(format=FORMATS[fmt])
    if fmt == "nt":
        return "".join(sorted(line + "\n" for line in text.splitlines() if line.strip()))
    return text
