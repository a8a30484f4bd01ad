"""SHACL validation of an exported graph, with readable results; the parsed schema files.

Why apart from the export: validation is a check on any graph (an export, a file a user
hands to `ukg validate`), slow to import (pyshacl), and the export module is about mapping
records to triples. The export imports `concepts_graph` from here; nothing here imports it.
"""

from __future__ import annotations

import functools
import urllib.parse
from dataclasses import dataclass

from rdflib import RDF, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from ontology.model import CONCEPTS_FILE, INST, SHAPES_FILE, VOCAB, VOCAB_FILE

PREFIXES = {
    "ukg": str(VOCAB),
    "ukgi": str(INST),
    "skos": str(SKOS),
    "rdf": str(RDF),
    "xsd": str(XSD),
}


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



@functools.cache
def _parsed(path: str) -> Graph:
    graph = Graph()
    graph.parse(path, format="turtle")
    return graph


def concepts_graph() -> Graph:
    """concepts.ttl, parsed once (callers must not modify it)."""
    return _parsed(str(CONCEPTS_FILE))



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


