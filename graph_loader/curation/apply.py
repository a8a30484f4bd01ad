"""The curation stage: the log's corrections applied to one extraction, before loading.

Why a stage of its own, run on every build: the extractor is re-run from the texts each time (and
improves between versions), so a correction cannot be a patch to the database — it must be
re-applied to whatever this extraction produced. Pure: returns a new ResolvedGraph and touches
nothing else; corrections apply in log order, so a rename followed by a year fix on the renamed
entity's edge works, and the same log on the same extraction gives the same graph (idempotent).
A correction whose target is not in this extraction is a Conflict, reported, never dropped.

Every entity and relation a correction touched leaves with a `status` — confirmed, corrected or
added — and the ids of those corrections (`curation`); the writer gives the others `extracted`.
Rejected edges and entities marked as not entities are left out of the graph (so every query and
view hides them); the log and `GET /curation` keep them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from graph_loader.curation.citation import cite
from graph_loader.curation.records import EXTRACTED, Conflict, Correction, EdgeTarget
from graph_loader.records import ConceptRef, Entity, EntityRef, Relation, ResolvedGraph
from ontology.model import Ontology, get_ontology

YEAR_TYPES = ("ADOPTS", "PARTICIPATES_IN")


@dataclass(frozen=True)
class CuratedGraph:
    graph: ResolvedGraph
    applied: tuple[Correction, ...]
    conflicts: tuple[Conflict, ...]
    # each applied edge correction with its edge: as it ends up (confirmed, added, re-dated) or,
    # for a rejection, as the extraction had it — what `ukg curation export --format gold` writes
    edges: tuple[tuple[Correction, Relation], ...] = ()


def end_key(ont: Ontology, end: Any) -> str | None:
    """The graph key of a relation end (an entity or a concept); None for an article."""
    if isinstance(end, EntityRef):
        return ont.instance_key(end.cls, end.name)
    if isinstance(end, ConceptRef):
        return ont.instance_key("Practice" if end.scheme == "practice" else "Program", end.id)
    return None


class _Workspace:
    """The graph as dicts by key while corrections apply; `redirect` follows renames and merges."""

    def __init__(self, graph: ResolvedGraph, ont: Ontology) -> None:
        self.ont = ont
        self.graph = graph
        self.entities: dict[str, Entity] = {ont.instance_key(e.type, e.name): e for e in graph.entities}
        self.concepts = {
            **{ont.instance_key("Practice", c.id): ConceptRef("practice", c.id) for c in ont.practices},
            **{ont.instance_key("Program", c.id): ConceptRef("program", c.id) for c in ont.programs},
        }
        self.relations: dict[str, Relation] = {}
        self._end_keys: dict[Any, str] = {}
        self.ends: dict[str, tuple[str, str]] = {}  # relation key → (head key, tail key)
        self.by_end: dict[str, set[str]] = {}
        self.passthrough: list[Relation] = []  # edges to articles: not correctable here
        for relation in graph.relations:
            ends = self.end_key(relation.head), self.end_key(relation.tail)
            if None in ends:
                self.passthrough.append(relation)
            else:
                self._put(relation, *ends)  # type: ignore[arg-type]
        self.redirect: dict[str, str] = {}
        self.touched: dict[str, list[str]] = {}  # entity or relation key → correction ids
        self.edge_of: dict[str, Relation | tuple[str, str, str]] = {}  # correction id → rejected edge or ends

    def end_key(self, end: Any) -> str | None:
        key = self._end_keys.get(end)
        if key is None:
            key = end_key(self.ont, end)
            if key is not None:
                self._end_keys[end] = key
        return key

    def resolve(self, key: str) -> str:
        seen = set()
        while key in self.redirect and key not in seen:
            seen.add(key)
            key = self.redirect[key]
        return key

    def edge_key(self, edge: EdgeTarget) -> str:
        return f"{self.resolve(edge.head)}|{edge.type}|{self.resolve(edge.tail)}"

    def ref(self, key: str) -> EntityRef | ConceptRef | None:
        if key in self.entities:
            return self.entities[key].ref
        return self.concepts.get(key)

    def _put(self, relation: Relation, head: str, tail: str) -> str:
        key = f"{head}|{relation.type}|{tail}"
        known = self.relations.get(key)
        if known is not None:  # two edges became one (a merge): keep both evidence and props
            relation = replace(
                known, evidence=[*known.evidence, *relation.evidence], props={**relation.props, **known.props}
            )
        self.relations[key] = relation
        self.ends[key] = (head, tail)
        self.by_end.setdefault(head, set()).add(key)
        self.by_end.setdefault(tail, set()).add(key)
        return key

    def drop_relation(self, key: str) -> Relation:
        relation = self.relations.pop(key)
        for end in self.ends.pop(key):
            keys = self.by_end.get(end)  # repoint took the old end's set away already
            if keys is not None:
                keys.discard(key)
        return relation

    def repoint(self, old: str, new: str) -> None:
        """Every edge with an end `old` gets that end `new` (rename, merge)."""
        for key in sorted(self.by_end.pop(old, set())):
            if key not in self.relations:
                continue
            head, tail = self.ends[key]
            relation = self.drop_relation(key)
            head, tail = (new if head == old else head), (new if tail == old else tail)
            head_ref, tail_ref = self.ref(head) or relation.head, self.ref(tail) or relation.tail
            moved = Relation(relation.type, head_ref, tail_ref, relation.props, relation.evidence)
            new_key = self._put(moved, head, tail)
            self.touched.setdefault(new_key, []).extend(self.touched.pop(key, []))
        self.redirect[old] = new

    def mark(self, key: str, correction: Correction) -> None:
        self.touched.setdefault(key, []).append(correction.id)
        if key in self.ends:
            self.edge_of[correction.id] = (self.ends[key][0], self.relations[key].type, self.ends[key][1])

    def set_props(self, key: str, **props: Any) -> None:
        relation = self.relations[key]
        self.relations[key] = replace(relation, props={**relation.props, **props})


def apply_corrections(
    graph: ResolvedGraph, corrections: list[Correction], ont: Ontology | None = None
) -> CuratedGraph:
    """`graph` with `corrections` (already filtered by log.effective) applied in order."""
    space = _Workspace(graph, ont or get_ontology())
    applied: list[Correction] = []
    conflicts: list[Conflict] = []
    for correction in corrections:
        problem = _APPLY[correction.kind](space, correction)
        if problem is None:
            applied.append(correction)
        else:
            conflicts.append(Conflict(correction, problem))
    return CuratedGraph(_finish(space), tuple(applied), tuple(conflicts), _edges(space, applied))


def _edges(space: _Workspace, applied: list[Correction]) -> tuple[tuple[Correction, Relation], ...]:
    found = []
    for correction in applied:
        edge = space.edge_of.get(correction.id)
        if isinstance(edge, tuple):  # ends as keys: follow later renames and merges
            head, rel_type, tail = edge
            edge = space.relations.get(f"{space.resolve(head)}|{rel_type}|{space.resolve(tail)}")
        if edge is not None:
            found.append((correction, edge))
    return tuple(found)


def _finish(space: _Workspace) -> ResolvedGraph:
    """The graph out of the workspace; what a correction touched gets its status and correction ids.
    Untouched records pass through as they are: the writer gives them status `extracted`, and
    rebuilding every record of a large corpus would cost more than the corrections themselves."""
    entities = []
    for key, entity in space.entities.items():
        ids = space.touched.get(key)
        if ids:
            props = {**entity.props, "status": entity.props.get("status", "corrected"), **_ids(ids)}
            entity = Entity(entity.type, entity.name, entity.aliases, props, entity.evidence)
        entities.append(entity)
    relations = []
    for key, relation in space.relations.items():
        ids = space.touched.get(key)
        if ids:
            props = {**relation.props, "status": relation.props.get("status", EXTRACTED), **_ids(ids)}
            relation = Relation(relation.type, relation.head, relation.tail, props, relation.evidence)
        relations.append(relation)
    return replace(space.graph, entities=tuple(entities), relations=tuple(relations + space.passthrough))


def _ids(ids: list[str]) -> dict[str, list[str]]:
    return {"curation": list(dict.fromkeys(ids))} if ids else {}


def _existing_edge(space: _Workspace, correction: Correction) -> tuple[str | None, str | None]:
    assert correction.edge is not None
    key = space.edge_key(correction.edge)
    return (key, None) if key in space.relations else (None, f"no edge {correction.edge.key} in this build")


def _reject(space: _Workspace, correction: Correction) -> str | None:
    key, problem = _existing_edge(space, correction)
    if key is not None:
        space.edge_of[correction.id] = space.drop_relation(key)
    return problem


def _confirm(space: _Workspace, correction: Correction) -> str | None:
    key, problem = _existing_edge(space, correction)
    if key is not None:
        if space.relations[key].props.get("status") is None:
            space.set_props(key, status="confirmed")
        space.mark(key, correction)
    return problem


def _set_year(space: _Workspace, correction: Correction) -> str | None:
    assert correction.edge is not None
    if correction.edge.type not in YEAR_TYPES:
        return f"only {' and '.join(YEAR_TYPES)} edges carry a year"
    key, problem = _existing_edge(space, correction)
    if key is not None:
        status = "added" if space.relations[key].props.get("status") == "added" else "corrected"
        space.set_props(key, year=correction.year, yearBasis="curated", status=status)
        space.mark(key, correction)
    return problem


def _add_edge(space: _Workspace, correction: Correction) -> str | None:
    edge = correction.edge
    assert edge is not None and correction.doc_id is not None and correction.quote is not None
    try:
        space.ont.rel(edge.type)
    except KeyError:
        return f"unknown relationship type {edge.type}"
    head, tail = space.resolve(edge.head), space.resolve(edge.tail)
    head_ref, tail_ref = space.ref(head), space.ref(tail)
    if head_ref is None or tail_ref is None:
        return f"no entity {head if head_ref is None else tail} in this build"
    spec = space.ont.relations[edge.type]
    for end, ref, allowed in (("head", head_ref, spec.domain), ("tail", tail_ref, spec.range)):
        cls = ref.cls if isinstance(ref, EntityRef) else ("Practice" if ref.scheme == "practice" else "Program")
        if allowed and not any(space.ont.is_a(cls, name) for name in allowed):
            return f"{edge.type} cannot have a {cls} as its {end} (allowed: {', '.join(allowed)})"
    evidence = cite(space.graph, correction.doc_id, correction.quote)
    if isinstance(evidence, str):
        return evidence
    key = f"{head}|{edge.type}|{tail}"
    if key in space.relations:
        relation = space.relations[key]
        space.relations[key] = replace(relation, evidence=[*relation.evidence, evidence])
        if relation.props.get("status") is None:
            space.set_props(key, status="confirmed")
    else:
        props = {"status": "added", "rule": "curation", "confidence": 1.0}
        key = space._put(Relation(edge.type, head_ref, tail_ref, props, [evidence]), head, tail)
    space.mark(key, correction)
    return None


def _merge(space: _Workspace, correction: Correction) -> str | None:
    assert correction.entity is not None and correction.into is not None
    gone, kept = space.resolve(correction.entity), space.resolve(correction.into)
    missing = [key for key in (gone, kept) if key not in space.entities]
    if missing:
        return f"no entity {missing[0]} in this build"
    if gone == kept:
        return None  # merged before
    source, target = space.entities.pop(gone), space.entities[kept]
    if source.type != target.type:
        space.entities[gone] = source
        return f"cannot merge a {source.type} into a {target.type}"
    aliases = list(dict.fromkeys([*target.aliases, source.name, *source.aliases]))
    space.entities[kept] = replace(
        target, aliases=[a for a in aliases if a != target.name], evidence=[*target.evidence, *source.evidence]
    )
    space.repoint(gone, kept)
    space.touched.setdefault(kept, []).extend(space.touched.pop(gone, []))
    space.mark(kept, correction)
    return None


def _rename(space: _Workspace, correction: Correction) -> str | None:
    assert correction.entity is not None and correction.name is not None
    old = space.resolve(correction.entity)
    if old not in space.entities:
        return f"no entity {old} in this build"
    entity = space.entities[old]
    new = space.ont.instance_key(entity.type, correction.name)
    if new != old and new in space.entities:
        return f"{new} exists already: merge the two instead"
    aliases = [a for a in dict.fromkeys([*entity.aliases, entity.name]) if a != correction.name]
    space.entities.pop(old)
    space.entities[new] = replace(entity, name=correction.name, aliases=aliases)
    if new != old:
        space.repoint(old, new)
        space.touched.setdefault(new, []).extend(space.touched.pop(old, []))
    space.mark(new, correction)
    return None


def _split(space: _Workspace, correction: Correction) -> str | None:
    assert correction.entity is not None and correction.name is not None
    key = space.resolve(correction.entity)
    entity = space.entities.get(key)
    if entity is None:
        return f"no entity {key} in this build"
    if correction.name not in entity.aliases:
        return f"{correction.name!r} is not an alias of {key}"
    new = space.ont.instance_key(entity.type, correction.name)
    if new in space.entities:
        return f"{new} exists already"
    evidence = [ev for ev in entity.evidence if correction.name in ev.quote]
    space.entities[key] = replace(entity, aliases=[a for a in entity.aliases if a != correction.name])
    space.entities[new] = Entity(entity.type, correction.name, [], {}, evidence)
    space.mark(key, correction)
    space.mark(new, correction)
    return None


def _not_an_entity(space: _Workspace, correction: Correction) -> str | None:
    assert correction.entity is not None
    key = space.resolve(correction.entity)
    if key not in space.entities:
        return f"no entity {key} in this build"
    del space.entities[key]
    for relation_key in sorted(space.by_end.pop(key, set())):
        if relation_key in space.relations:
            space.drop_relation(relation_key)
    return None


_APPLY = {
    "reject-edge": _reject,
    "confirm-edge": _confirm,
    "add-edge": _add_edge,
    "set-year": _set_year,
    "merge-entities": _merge,
    "split-alias": _split,
    "rename-entity": _rename,
    "not-an-entity": _not_an_entity,
}
