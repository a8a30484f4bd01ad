"""The ukg ontology: Turtle files (OWL, SKOS, SHACL) and the Python façade over them."""

from ontology.model import INST, VOCAB, Concept, OntClass, Ontology, OntRelation, get_ontology

__all__ = ["INST", "VOCAB", "Concept", "OntClass", "OntRelation", "Ontology", "get_ontology"]
