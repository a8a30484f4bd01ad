"""RDF export of the pipeline's records, SHACL validation, and serialisation.

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
import functools
import hashlib
import logging
import re
import urllib.parse
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rdflib import RDF, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from graph_loader.records import Article, Entity, Evidence, Relation, SourceDocument
from ontology.model import CONCEPTS_FILE, INST, SHAPES_FILE, VOCAB, VOCAB_FILE, Ontology, get_ontology, nfkc

log = logging.getLogger(__name__)

FORMATS = {"ttl": "turtle", "jsonld": "json-ld", "nt": "nt"}
PREFIXES = {
    "ukg": str(VOCAB),
    "ukgi": str(INST),
    "skos": str(SKOS),
    "rdf": str(RDF),
    "xsd": str(XSD),
}
_DATE_TYPES = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), XSD.date),
    (re.compile(r"^\d{4}-\d{2}$"), XSD.gYearMonth),
    (re.compile(r"^\d{4}$"), XSD.gYear),
)


class ExportError(ValueError):
    """A record the ontology cannot express (unknown class or relationship type)."""


@dataclass(frozen=True)
class Violation:
    """One SHACL result, readable: focus node, property path, message, severity, offending value."""

    focus: str
    path: str
    message: str
    severity: str
    value: str = ""
    shape: str = ""

    def __str__(self) -> str:
        value = f" (value {self.value})" if self.value else ""
        return f"{self.severity}: {self.focus} {self.path}: {self.message}{value}"


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


def _short(node: Node | None) -> str:
    """A CURIE-like rendering for messages (ukg:name, ukgi:person/%E9…)."""
    if node is None:
        return ""
    text = urllib.parse.unquote(str(node)) if isinstance(node, URIRef) else str(node)
    for prefix, ns in PREFIXES.items():
        if text.startswith(ns):
            return f"{prefix}:{text[len(ns) :]}"
    if not isinstance(node, URIRef | Literal):
        return "[complex path]"
    return text


class _Builder:
    """Accumulates the export graph; one instance per graph_to_rdf call."""

    def __init__(self, ont: Ontology) -> None:
        self.ont = ont
        self.g = Graph()
        for prefix, ns in PREFIXES.items():
            self.g.bind(prefix, Namespace(ns))
        self.names: dict[str, list[tuple[str, URIRef]]] = defaultdict(list)

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
        return iri

    @staticmethod
    def _literal(prop: str, value: Any) -> Literal:
        if prop == "date":
            return typed_date(value)
        if prop == "year":
            return typed_year(value)
        return Literal(value)

    # --- relations -----------------------------------------------------------------------

    def _end(self, reference: str, allowed: tuple[str, ...]) -> URIRef | None:
        """IRI of a relation end: a practice/programme reference or a known canonical name."""
        scheme, sep, concept_id = reference.partition(":")
        if sep and scheme == "practice":
            return self._concept_iri(self.ont.practice, concept_id)
        if sep and scheme == "program":
            return self._concept_iri(self.ont.program, concept_id)
        candidates = self.names.get(nfkc(reference)) or self.names.get(reference) or []
        for class_name, iri in candidates:
            if not allowed or any(self.ont.is_a(class_name, label) for label in allowed):
                return iri
        # a wrong-class end is still exported so that `ukg validate` reports the misuse
        return candidates[0][1] if candidates else None

    @staticmethod
    def _concept_iri(lookup: Any, concept_id: str) -> URIRef:
        """The concept's IRI; an unknown id still gets its would-be IRI so SHACL reports it."""
        try:
            return lookup(concept_id).iri
        except KeyError:
            scheme = "practice" if lookup.__name__ == "practice" else "program"
            return INST[f"{scheme}/{concept_id}"]

    def relation(self, rel: Relation) -> URIRef | None:
        try:
            spec = self.ont.relations[self.ont.rel(rel.type)]
        except KeyError as error:
            raise ExportError(f"relation {rel.head!r} → {rel.tail!r}: {error.args[0]}") from None
        head = self._end(rel.head, spec.domain)
        if self.ont.label("Article") in spec.range:
            # an edge to an article (AUTHORED) points at the article its evidence comes from
            for ev in rel.evidence:
                if head is not None:
                    self.g.add((head, spec.iri, self.ont.instance_iri("Article", ev.article_id)))
            return None
        tail = self._end(rel.tail, spec.range)
        if head is None or tail is None:
            missing = rel.head if head is None else rel.tail
            log.warning(
                "%s %s → %s: %r is not a known entity; skipped", spec.name, rel.head, rel.tail, missing
            )
            return None
        g = self.g
        g.add((head, spec.iri, tail))
        props = {k: v for k, v in sorted(rel.props.items()) if k in spec.properties and v not in (None, "")}
        digest = hashlib.sha256(
            "\x1f".join(
                [str(head), str(spec.iri), str(tail), *(f"{k}={v}" for k, v in props.items())]
            ).encode()
        ).hexdigest()[:24]
        node = INST[f"assertion/{digest}"]
        g.add((node, RDF.type, VOCAB.Assertion))
        g.add((node, RDF.subject, head))
        g.add((node, RDF.predicate, spec.iri))
        g.add((node, RDF.object, tail))
        for prop, value in props.items():
            if prop == "practice":
                g.add((node, self.ont.property_iri(prop), self._concept_iri(self.ont.practice, str(value))))
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


@functools.cache
def _parsed(path: str) -> Graph:
    graph = Graph()
    graph.parse(path, format="turtle")
    return graph


def concepts_graph() -> Graph:
    """concepts.ttl, parsed once (callers must not modify it)."""
    return _parsed(str(CONCEPTS_FILE))


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


def validate(graph: Graph) -> list[Violation]:
    """Run the SHACL shapes (ukg.ttl as ontology, RDFS inference); [] when the graph conforms.

    concepts.ttl is added to the data when absent, since the concept shapes need the schemes.
    """
    import pyshacl  # imported here: slow to import and only needed for validation

    data = graph
    if (None, SKOS.inScheme, None) not in graph:
        data = Graph()
        data += graph
        data += concepts_graph()
    _, results, _ = pyshacl.validate(
        data,
        shacl_graph=_parsed(str(SHAPES_FILE)),
        ont_graph=_parsed(str(VOCAB_FILE)),
        inference="rdfs",
        abort_on_first=False,
        allow_warnings=True,
    )
    out = []
    # Only the report's own results: sh:node failures also list nested sh:detail results.
    for result in results.objects(None, SH.result):
        value = results.value(result, SH.value)
        out.append(
            Violation(
                focus=_short(results.value(result, SH.focusNode)),
                path=_short(results.value(result, SH.resultPath)),
                message=str(results.value(result, SH.resultMessage) or ""),
                severity=_short(results.value(result, SH.resultSeverity)).rpartition("#")[2],
                value="" if value is None else _short(value),
                shape=_short(results.value(result, SH.sourceShape))
                if isinstance(results.value(result, SH.sourceShape), URIRef)
                else "",
            )
        )
    return sorted(out, key=lambda v: (v.focus, v.path, v.message, v.value))


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
