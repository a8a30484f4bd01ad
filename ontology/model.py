"""The Python façade over the ontology Turtle files — the only way code learns schema names.

Why: labels, relationship types, key properties, practice ids and the Neo4j schema must come
from one place (ukg.ttl + concepts.ttl), so nothing in the pipeline, writer or API spells
"ADOPTS" or "UnionOrganization" on its own. Everything here is read from the `ukg:neo4j*`
annotations in the Turtle, never derived by munging IRIs, and the files are parsed once per
process (`get_ontology` is cached). The plain terms (namespaces, files, records) live in
`ontology.terms` and are re-exported here; the Neo4j DDL is derived in `ontology.neo4j_schema`.
"""

from __future__ import annotations

import functools
import urllib.parse

from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from ontology.terms import (
    CONCEPTS_FILE,
    INST,
    NAME_PROPERTY,
    PRACTICE_SCHEME,
    PROGRAM_SCHEME,
    SHAPES_FILE,
    VOCAB,
    VOCAB_FILE,
    Concept,
    OntClass,
    OntRelation,
    load_graph,
    nfkc,
)

__all__ = [
    "CONCEPTS_FILE",
    "INST",
    "NAME_PROPERTY",
    "PRACTICE_SCHEME",
    "PROGRAM_SCHEME",
    "SHAPES_FILE",
    "VOCAB",
    "VOCAB_FILE",
    "Concept",
    "OntClass",
    "OntRelation",
    "Ontology",
    "get_ontology",
    "load_graph",
    "nfkc",
]


def _lang(graph: Graph, subject: Node, predicate: URIRef, lang: str) -> str:
    for value in graph.objects(subject, predicate):
        if isinstance(value, Literal) and value.language == lang:
            return str(value)
    return ""


def _str(graph: Graph, subject: Node, predicate: URIRef) -> str:
    value = graph.value(subject, predicate)
    return "" if value is None else str(value)


def _members(graph: Graph, node: Node) -> list[Node]:
    """A class expression's named members: itself, or the items of an owl:unionOf list."""
    union = graph.value(node, OWL.unionOf)
    if union is not None:
        return list(Collection(graph, union))
    return [node]


class Ontology:
    """Classes, relations and concepts read from the Turtle; see the module docstring."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.classes: dict[str, OntClass] = {}
        self.relations: dict[str, OntRelation] = {}
        self._by_iri: dict[URIRef, OntClass] = {}
        self._paths: dict[URIRef, str] = {}
        self._property_names: dict[URIRef, str] = {}
        self._load_classes()
        self._load_properties()
        self._load_relations()
        self.practice_categories = self._load_concepts(VOCAB.PracticeCategory, "practice")
        self.practices = self._load_concepts(VOCAB.Practice, "practice")
        self.programs = self._load_concepts(VOCAB.Program, "program")
        self._concepts = {("practice", c.id): c for c in self.practice_categories + self.practices}
        self._concepts.update({("program", c.id): c for c in self.programs})

    # --- loading -------------------------------------------------------------------------

    def _load_classes(self) -> None:
        g = self.graph
        declared = sorted({s for s in g.subjects(RDF.type, OWL.Class) if isinstance(s, URIRef)})
        for iri in declared:
            path = _str(g, iri, VOCAB.instancePath)
            if path:
                self._paths[iri] = path
        for iri in declared:
            label = _str(g, iri, VOCAB.neo4jLabel)
            if not label:
                continue
            parents = tuple(
                _str(g, sup, VOCAB.neo4jLabel)
                for sup in g.transitive_objects(iri, RDFS.subClassOf)
                if sup != iri and _str(g, sup, VOCAB.neo4jLabel)
            )
            cls = OntClass(
                name=label,
                iri=iri,
                label_zh=_lang(g, iri, RDFS.label, "zh"),
                label_en=_lang(g, iri, RDFS.label, "en"),
                parents=parents,
                key=_str(g, iri, VOCAB.neo4jKey) or "key",
                abstract=g.value(iri, VOCAB.abstract) == Literal(True),
                instance_path=self._paths.get(iri, ""),
                fulltext=g.value(iri, VOCAB.fulltextIndexed) == Literal(True),
                record=g.value(iri, VOCAB.record) == Literal(True),
                unique=g.value(iri, VOCAB.neo4jUnique) != Literal(False),
            )
            self.classes[label] = cls
            self._by_iri[iri] = cls

    def _load_properties(self) -> None:
        g = self.graph
        for prop in g.subjects(VOCAB.neo4jProperty, None):
            if isinstance(prop, URIRef):
                self._property_names[prop] = _str(g, prop, VOCAB.neo4jProperty)
        self._property_iris = {name: iri for iri, name in self._property_names.items()}
        self.indexed_properties = frozenset(
            name for iri, name in self._property_names.items() if g.value(iri, VOCAB.neo4jIndexed) == Literal(True)
        )
        self._class_props: dict[str, set[str]] = {name: set() for name in self.classes}
        for prop, pname in self._property_names.items():
            domain = g.value(prop, RDFS.domain)
            for member in _members(g, domain) if domain is not None else []:
                cls = self._by_iri.get(member)  # type: ignore[arg-type]
                if cls is not None:
                    self._class_props[cls.name].add(pname)

    def _labels_of(self, node: Node | None) -> tuple[str, ...]:
        if node is None:
            return ()
        return tuple(self._by_iri[m].name for m in _members(self.graph, node) if m in self._by_iri)

    def _load_relations(self) -> None:
        g = self.graph
        for prop in sorted(s for s in g.subjects(VOCAB.neo4jType, None) if isinstance(s, URIRef)):
            name = _str(g, prop, VOCAB.neo4jType)
            self.relations[name] = OntRelation(
                name=name,
                iri=prop,
                label_zh=_lang(g, prop, RDFS.label, "zh"),
                label_en=_lang(g, prop, RDFS.label, "en"),
                domain=self._labels_of(g.value(prop, RDFS.domain)),
                range=self._labels_of(g.value(prop, RDFS.range)),
                transitive=(prop, RDF.type, OWL.TransitiveProperty) in g,
                properties=tuple(sorted(self._property_names[p] for p in g.objects(prop, VOCAB.relationshipProperty))),
            )

    def _load_concepts(self, cls: URIRef, scheme: str) -> tuple[Concept, ...]:
        g = self.graph
        out = []
        for iri in g.subjects(RDF.type, cls):
            broader = g.value(iri, SKOS.broader)
            out.append(
                Concept(
                    id=_str(g, iri, VOCAB.id),
                    iri=iri,  # type: ignore[arg-type]
                    zh=_lang(g, iri, SKOS.prefLabel, "zh"),
                    en=_lang(g, iri, SKOS.prefLabel, "en"),
                    category=_str(g, broader, VOCAB.id) if broader is not None else "",
                    alt_labels=tuple(sorted(str(a) for a in g.objects(iri, SKOS.altLabel))),
                    note=_str(g, iri, SKOS.scopeNote),
                    scheme=scheme,
                )
            )
        return tuple(sorted(out, key=lambda c: c.id))

    # --- names ---------------------------------------------------------------------------

    def label(self, name: str) -> str:
        """`name` if it is a Neo4j node label of the ontology; KeyError naming the valid ones."""
        if name not in self.classes:
            raise KeyError(f"unknown node label {name!r}; known labels: {', '.join(sorted(self.classes))}")
        return name

    def rel(self, name: str) -> str:
        """`name` if it is a Neo4j relationship type of the ontology; KeyError otherwise."""
        if name not in self.relations:
            raise KeyError(f"unknown relationship type {name!r}; known types: {', '.join(sorted(self.relations))}")
        return name

    def labels_for(self, name: str) -> list[str]:
        """The class and all its superclass labels, most specific first: every label a node gets."""
        cls = self.classes[self.label(name)]
        return [cls.name, *cls.parents]

    def is_a(self, name: str, ancestor: str) -> bool:
        """True when class `name` is `ancestor` or a subclass of it."""
        return self.label(ancestor) in self.labels_for(name)

    # --- concepts ------------------------------------------------------------------------

    def _concept(self, scheme: str, concept_id: str) -> Concept:
        cid = concept_id.removeprefix(f"{scheme}:")
        try:
            return self._concepts[(scheme, cid)]
        except KeyError:
            raise KeyError(f"unknown {scheme} id {concept_id!r}") from None

    def practice(self, id: str) -> Concept:
        """A practice (or practice category) by id; accepts 'practice:<id>' too."""
        return self._concept("practice", id)

    def program(self, id: str) -> Concept:
        """A programme by id; accepts 'program:<id>' too."""
        return self._concept("program", id)

    def narrower(self, practice_or_category_id: str) -> list[str]:
        """Ids of practices under a category (sorted); a practice has none, so []."""
        concept = self.practice(practice_or_category_id)
        return sorted(p.id for p in self.practices if p.category == concept.id)

    # --- properties ----------------------------------------------------------------------

    def allowed_properties(self, class_or_rel_name: str) -> set[str]:
        """Neo4j property names a node of this class (incl. inherited) or an edge may carry."""
        if class_or_rel_name in self.relations:
            return set(self.relations[class_or_rel_name].properties)
        props: set[str] = set()
        for label in self.labels_for(class_or_rel_name):
            props |= self._class_props[label]
            props.add(self.classes[label].key)
        return props

    def property_iri(self, name: str) -> URIRef:
        """The RDF property whose Neo4j name is `name` (e.g. "carrierType" → ukg:carrierType)."""
        try:
            return self._property_iris[name]
        except KeyError:
            raise KeyError(f"unknown property {name!r}") from None

    # --- instance identity ---------------------------------------------------------------

    def instance_key(self, class_name: str, canonical_name: str) -> str:
        """Neo4j `key` of an instance: '<class path>/<NFKC name>' — readable, and usable as-is in
        API URLs (clients percent-encode it, the server decodes it back to this string).

        Practice/Program/SourceDocument instances are also keyed by `id` in Neo4j (see
        OntClass.key). Articles use Article.id as the name; Evidence '<doc id>@<rawStart>-<rawEnd>'.
        """
        cls = self.classes[self.label(class_name)]
        if not cls.instance_path:
            raise KeyError(f"class {class_name!r} has no ukg:instancePath")
        name = nfkc(canonical_name)
        if not name:
            raise ValueError(f"empty canonical name for {class_name}")
        return f"{cls.instance_path}/{name}"

    def instance_iri(self, class_name: str, canonical_name: str) -> URIRef:
        """Deterministic IRI of an instance (the key with the name percent-encoded); NFKC-equal
        names give the same IRI."""
        path, _, name = self.instance_key(class_name, canonical_name).partition("/")
        return INST[f"{path}/{urllib.parse.quote(name, safe='')}"]


@functools.cache
def get_ontology() -> Ontology:
    """The process-wide ontology, parsed once from ukg.ttl and concepts.ttl."""
    return Ontology(load_graph())
