"""Benchmark: what applying the curation log adds to a build (target: 10,000 corrections < 2 s).

    python bench/curation.py [--corrections 10000] [--nodes 20000] [--relationships 50000]

Applies a log of mixed corrections (confirm, reject, set-year on edges; rename and merge of
entities) to a synthetic graph of the size of a large corpus (bench/load.py's generator), and
times the stage alone (graph_loader.curation.apply) and again with the log read from disk.
Every edge correction targets an edge that exists, so none is a cheap conflict (set-year becomes
confirm-edge: the synthetic graph has no ADOPTS edges, and both cost the same).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import synthetic  # noqa: E402

from graph_loader.curation.apply import apply_corrections  # noqa: E402
from graph_loader.curation.log import CurationLog, effective  # noqa: E402
from graph_loader.curation.records import Correction, EdgeTarget  # noqa: E402
from ontology.model import get_ontology  # noqa: E402


def corrections_for(graph, count: int, seed: int = 3) -> list[Correction]:
    ont = get_ontology()
    rng = random.Random(seed)
    relations = [r for r in graph.relations if r.type != "HOLDS_POSITION"]
    entities = [e for e in graph.entities if e.type == "UnionOrganization"]
    made: list[Correction] = []
    for number in range(count):
        kind = ("confirm-edge", "reject-edge", "set-year", "rename-entity", "merge-entities")[number % 5]
        common = {"id": f"c{number:06d}", "author": "bench", "time": "2026-12-03T00:00:00Z", "kind": kind}
        if kind in ("confirm-edge", "reject-edge", "set-year"):
            relation = relations.pop(rng.randrange(len(relations)))
            edge = EdgeTarget(
                ont.instance_key(relation.head.cls, relation.head.name),
                relation.type,
                ont.instance_key(relation.tail.cls, relation.tail.name),
            )
            if kind == "set-year" and relation.type not in ("ADOPTS", "PARTICIPATES_IN"):
                common["kind"] = "confirm-edge"  # the synthetic graph has no dated edge types
            extra = {"year": 2015} if common["kind"] == "set-year" else {}
            made.append(Correction(edge=edge, **common, **extra))
        elif kind == "rename-entity":
            entity = entities.pop(rng.randrange(len(entities)))
            key = ont.instance_key(entity.type, entity.name)
            made.append(Correction(entity=key, name=f"{entity.name}（更名）", **common))
        else:
            gone, kept = entities.pop(rng.randrange(len(entities))), entities[rng.randrange(len(entities))]
            made.append(
                Correction(
                    entity=ont.instance_key(gone.type, gone.name), into=ont.instance_key(kept.type, kept.name), **common
                )
            )
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corrections", type=int, default=10_000)
    parser.add_argument("--nodes", type=int, default=20_000)
    parser.add_argument("--relationships", type=int, default=50_000)
    args = parser.parse_args()
    graph = synthetic(args.nodes, args.relationships)
    log = corrections_for(graph, args.corrections)
    get_ontology()
    started = time.perf_counter()
    result = apply_corrections(graph, log)
    applied = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        on_disk = CurationLog(Path(folder) / "curation.jsonl")
        on_disk.append(log)
        started = time.perf_counter()
        apply_corrections(graph, effective(on_disk.read()))
        with_reading = time.perf_counter() - started
    print(
        f"{len(log)} corrections on {len(graph.entities)} entities, {len(graph.relations)} relations: "
        f"applied {len(result.applied)}, conflicts {len(result.conflicts)}; "
        f"stage {applied:.2f} s, with reading the log {with_reading:.2f} s (target < 2 s)"
    )


if __name__ == "__main__":
    main()
