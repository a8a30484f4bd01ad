"""Corrections in the RDF export, as W3C PROV-O: who changed what, when, and why.

Each applied correction is a `prov:Activity` (`inst:correction/<id>`) with `prov:endedAtTime`,
`prov:wasAssociatedWith` its author (a `prov:Agent`, `inst:agent/<name>`), its kind (`prov:type`)
and its reason (`rdfs:comment`); the entities it changed and the assertions (reified edges) it
confirmed, added or re-dated point at it with `prov:wasInfluencedBy`. Rejected edges are not in the
export, so their activity stands alone. PROV terms are outside the ukg shapes, so the export stays
SHACL-valid (the shapes are open).
"""

from __future__ import annotations

from urllib.parse import quote

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef

from graph_loader.curation.apply import CuratedGraph
from graph_loader.rdf_export import assertion_iri, assertion_props
from graph_loader.records import ConceptRef, EntityRef
from ontology.model import INST, Ontology, get_ontology

PROV = Namespace("http://www.w3.org/ns/prov#")


def add_provenance(rdf: Graph, curated: CuratedGraph, ont: Ontology | None = None) -> Graph:
    """`rdf` with the corrections' provenance added; returns it. The IRIs are those the export of
    `curated.graph` gives, so `rdf` may be the export itself or an empty graph to store beside it."""
    ont = ont or get_ontology()
    rdf.bind("prov", PROV)
    activities = {}
    for correction in curated.applied:
        activity = INST[f"correction/{quote(correction.id, safe='')}"]
        agent = INST[f"agent/{quote(correction.author, safe='')}"]
        rdf.add((activity, RDF.type, PROV.Activity))
        rdf.add((activity, PROV.type, Literal(correction.kind)))
        rdf.add((activity, PROV.endedAtTime, Literal(correction.time, datatype=XSD.dateTime)))
        rdf.add((activity, PROV.wasAssociatedWith, agent))
        rdf.add((agent, RDF.type, PROV.Agent))
        rdf.add((agent, RDFS.label, Literal(correction.author)))
        if correction.reason:
            rdf.add((activity, RDFS.comment, Literal(correction.reason)))
        activities[correction.id] = activity
    for entity in curated.graph.entities:
        for correction_id in entity.props.get("curation", []):
            if correction_id in activities:
                rdf.add((ont.instance_iri(entity.type, entity.name), PROV.wasInfluencedBy, activities[correction_id]))
    for relation in curated.graph.relations:
        ids = [i for i in relation.props.get("curation", []) if i in activities]
        head, tail = _iri(ont, relation.head), _iri(ont, relation.tail)
        if not ids or head is None or tail is None:
            continue
        spec = ont.relations[relation.type]
        assertion = assertion_iri(head, spec.iri, tail, assertion_props(spec.properties, relation))
        for correction_id in ids:
            rdf.add((assertion, PROV.wasInfluencedBy, activities[correction_id]))
    return rdf


def _iri(ont: Ontology, end: object) -> URIRef | None:
    if isinstance(end, EntityRef):
        return ont.instance_iri(end.cls, end.name)
    if isinstance(end, ConceptRef):  # as rdf_export writes concepts: the concept scheme's IRI
        return (ont.practice if end.scheme == "practice" else ont.program)(end.id).iri
    return None
