"""English labels for readers who do not read Chinese (`?lang=en`): concepts, classes, relationships.

Why a module of its own: the API and the views both ask "what is this node called in English?" about
keys they get from Neo4j (`practice/craftsman-school`, `program/…`) or bare concept ids, and "does
this node's name get a pinyin transliteration?" about keys of entities. The answers come from the
ontology's Turtle only (SKOS `prefLabel@en`, `rdfs:label@en`, `ukg:instancePath`), read once per
process through `get_ontology()`; nothing here writes a label by hand.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from ontology.model import get_ontology
from ontology.terms import Concept

# Classes whose instances' names are transliterated (RDF `skos:altLabel@zh-Latn-pinyin`, API `pinyin`).
PINYIN_CLASSES = ("Organization", "Person", "Place")
CONCEPT_CLASSES = ("Practice", "PracticeCategory", "Program")


@functools.cache
def _concepts_by_key() -> dict[str, Concept]:
    """Every SKOS concept by its Neo4j key (`practice/<id>`, `practice-category/<id>`, `program/<id>`)."""
    ont = get_ontology()
    found: dict[str, Concept] = {}
    for class_name, concepts in (
        ("PracticeCategory", ont.practice_categories),
        ("Practice", ont.practices),
        ("Program", ont.programs),
    ):
        for concept in concepts:
            found[ont.instance_key(class_name, concept.id)] = concept
    return found


@functools.cache
def _classes_by_path() -> dict[str, str]:
    return {cls.instance_path: cls.name for cls in get_ontology().classes.values() if cls.instance_path}


def concept(key_or_id: str) -> Concept | None:
    """The concept a Neo4j key (`practice/craftsman-school`) or a bare id (`craftsman-school`,
    `program:x`) names; None for anything else."""
    found = _concepts_by_key().get(key_or_id)
    if found is not None:
        return found
    ont = get_ontology()
    for lookup in (ont.practice, ont.program):
        try:
            return lookup(key_or_id)
        except KeyError:
            continue
    return None


def concept_by_key(key: str) -> Concept | None:
    """The concept whose Neo4j key this is (only keys: an entity named like a concept id is no concept)."""
    return _concepts_by_key().get(key)


def english_label(key_or_id: str) -> str | None:
    """The concept's `skos:prefLabel@en`, or None when `key_or_id` names no concept."""
    found = concept(key_or_id)
    return found.en if found is not None else None


def class_of_key(key: str) -> str | None:
    """The most specific class of an instance key (`union-organization/…` → UnionOrganization)."""
    path, sep, _ = key.partition("/")
    return _classes_by_path().get(path) if sep else None


def transliterated(labels: Iterable[str]) -> bool:
    """True when a node with these labels (or classes) has its name given in pinyin."""
    ont = get_ontology()
    return any(ont.is_a(label, kind) for label in labels if label in ont.classes for kind in PINYIN_CLASSES)


def class_label_en(name: str) -> str:
    """A class's English label (`rdfs:label@en`), or its name when the ontology has none."""
    cls = get_ontology().classes.get(name)
    return (cls.label_en if cls is not None else "") or name


def relation_label_en(rel_type: str) -> str:
    """A relationship type's English label (`rdfs:label@en`), or the type when the ontology has none."""
    relation = get_ontology().relations.get(rel_type)
    return (relation.label_en if relation is not None else "") or rel_type
