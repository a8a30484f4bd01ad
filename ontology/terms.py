"""The ontology's vocabulary terms: namespaces, Turtle files, the records the façade hands out.

Why apart from the façade: these are the plain values every other ontology module and many
callers need (an IRI namespace, a frozen `OntClass`), without the cost or the logic of parsing
the Turtle — and the Neo4j schema module can build on them without importing the façade's
internals.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Namespace, URIRef

HERE = Path(__file__).resolve().parent
VOCAB_FILE = HERE / "ukg.ttl"
CONCEPTS_FILE = HERE / "concepts.ttl"
SHAPES_FILE = HERE / "shapes.ttl"

VOCAB = Namespace("https://w3id.org/ukg/vocab#")
INST = Namespace("https://w3id.org/ukg/id/")
PRACTICE_SCHEME = INST["scheme/practices"]
PROGRAM_SCHEME = INST["scheme/programs"]

NAME_PROPERTY = "name"


@dataclass(frozen=True)
class OntClass:
    """A node class: Neo4j label, IRI, labels, transitive superclass labels and key property."""

    name: str
    iri: URIRef
    label_zh: str
    label_en: str
    parents: tuple[str, ...]
    key: str
    abstract: bool = False
    instance_path: str = ""
    fulltext: bool = False
    record: bool = False  # a provenance record: its nodes carry no Entity marker
    unique: bool = True  # a uniqueness constraint on its key (unless the Entity one covers it)


@dataclass(frozen=True)
class OntRelation:
    """A relationship: Neo4j type, IRI, labels, allowed end labels and edge properties."""

    name: str
    iri: URIRef
    label_zh: str
    label_en: str
    domain: tuple[str, ...]
    range: tuple[str, ...]
    transitive: bool
    properties: tuple[str, ...]


@dataclass(frozen=True)
class Concept:
    """A SKOS concept: a practice, a practice category or a programme."""

    id: str
    iri: URIRef
    zh: str
    en: str
    category: str
    alt_labels: tuple[str, ...]
    note: str
    scheme: str


def nfkc(text: str) -> str:
    """NFKC-normalise and strip surrounding white space: the identity of a canonical name."""
    return unicodedata.normalize("NFKC", text).strip()


def load_graph(files: Iterable[Path] = (VOCAB_FILE, CONCEPTS_FILE)) -> Graph:
    """Parse the given Turtle files into one graph."""
    graph = Graph()
    graph.bind("ukg", VOCAB)
    graph.bind("ukgi", INST)
    for path in files:
        graph.parse(path, format="turtle")
    return graph
