"""What the entity view's curate panel offers for adding an edge: the relationship types that can start
at this entity, each with the kind of key its tail takes.

Why from the ontology: an added edge has to fit the schema the extractor's edges fit, so the form only
proposes types whose domain holds one of the entity's labels, and only those whose other end is an
entity with a key (never a record such as an article). The tail hint (`practice/…`) tells the
researcher which key to type, taken from the range classes' instance paths rather than spelled here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ontology.model import Ontology, get_ontology
from visualizations.model import ViewGraph


@dataclass(frozen=True)
class EdgeChoice:
    """One option of the add-edge form's type select."""

    type: str  # the relationship type, e.g. ADOPTS
    label: str  # what the option shows: Chinese name, type, and the tail's class
    tail_hint: str  # the tail key's form, e.g. `practice/…` (the text box's placeholder)


def _tail_paths(ont: Ontology, range_labels: Sequence[str]) -> list[str]:
    """Instance paths of the range classes and their subclasses that have instances with keys."""
    paths = []
    for cls in ont.classes.values():
        within = cls.name in range_labels or any(parent in range_labels for parent in cls.parents)
        if within and not cls.abstract and not cls.record and cls.instance_path:
            paths.append(cls.instance_path)
    return sorted(set(paths))


def addable_types(labels: Sequence[str], ont: Ontology | None = None) -> list[EdgeChoice]:
    """The types an edge starting at a node with these labels can have, sorted by type."""
    ont = ont or get_ontology()
    choices = []
    for name, rel in sorted(ont.relations.items()):
        paths = _tail_paths(ont, rel.range)
        if not paths or not set(labels) & set(rel.domain):
            continue
        tail_zh = "、".join(ont.classes[label].label_zh or label for label in rel.range)
        choices.append(
            EdgeChoice(name, f"{rel.label_zh or name} {name} → {tail_zh}", " | ".join(f"{p}/…" for p in paths))
        )
    return choices


def entity_edge_choices(graph: ViewGraph) -> list[EdgeChoice]:
    """The add-edge choices for the entity an entity view is about (the curate panel's key); none for
    every other view."""
    key = graph.params.get("key") if graph.view == "entity" else None
    entity = next((node for node in graph.nodes if node.key == key), None)
    return addable_types(entity.labels) if entity is not None else []
