"""Benchmark: the loader on a synthetic graph, batched UNWIND … MERGE versus row by row.

    python bench/load.py [--nodes 200000] [--relationships 500000] [--row-sample 3000] [--warmup 0.25]

Builds a synthetic graph of union organisations, carriers and practices with one piece of
evidence per relationship, loads it through the real writer (GraphWriter.load, batched
transactions) into a throwaway embedded Neo4j, and reports relationships per second over the
writer's document steps (schema and concepts, applied beforehand, are not counted).
Then writes a sample of the same relationships one statement and one transaction per row,
as naive code would, and reports that rate and the ratio (target ≥ 40x). Last, in the same run,
the floor: the same relationships merged as bare as Cypher allows in one thread (with their
properties, without evidence or entities), and the loader's rate as a share of it (target ≥ 50 %).
Target: ≥ 10k relationships/s.

A fresh JVM spends its first tens of seconds compiling Neo4j's write path (about 60 s of CPU
on two cores), so a smaller graph with other keys is loaded first, as a long-running
`ukg neo4j start` server would have done; its rate is reported too, as the cold figure.
`--warmup 0` measures the cold start alone.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

from neo4j import Driver

sys.path.insert(0, str(Path(__file__).resolve().parent))

from graph_loader.neo4j.diagnostics import counts  # noqa: E402
from graph_loader.neo4j.scheduler import BATCH_SIZE  # noqa: E402
from graph_loader.neo4j.store import open_driver  # noqa: E402
from graph_loader.neo4j.throwaway import throwaway_neo4j  # noqa: E402
from graph_loader.neo4j.writer import STAGE_SCHEMA, GraphWriter  # noqa: E402
from graph_loader.records import Entity, Evidence, Relation, ResolvedGraph, SourceDocument  # noqa: E402
from queries import loader_query  # noqa: E402

TYPES = ("UnionOrganization", "Enterprise", "Carrier", "UnionOrganization", "Person")
# relationship type → (head types, tail types), as the ontology's domains and ranges allow
REL_ENDS = {
    "COVERS": ("UnionOrganization", "Carrier"),
    "PARTNERS_WITH": ("UnionOrganization", "Enterprise"),
    "SUB_ORGANIZATION_OF": ("Enterprise", "UnionOrganization"),
    "LOCATED_IN": ("Enterprise", "Carrier"),
    "HOLDS_POSITION": ("Person", "UnionOrganization"),
}


def synthetic(nodes: int, relationships: int, documents: int = 20, seed: int = 7, tag: str = "") -> ResolvedGraph:
    """Documents, entities and relations; `tag` makes every id and name distinct from another run's."""
    rng = random.Random(seed)
    docs = [
        SourceDocument(
            id=f"synthetic{tag}-{i:02d}",
            path="",
            raw_text="",
            sha256=hashlib.sha256(str(i).encode()).hexdigest(),
            encoding="utf-8",
        )
        for i in range(documents)
    ]

    def evidence(doc: SourceDocument, position: int) -> Evidence:
        return Evidence(
            doc_id=doc.id,
            article_id=f"{doc.id}#000",
            raw_start=position,
            raw_end=position + 20,
            quote="合成证据句子。",
            date="2020-01-01",
        )

    entities = [
        Entity(
            TYPES[(i // documents) % len(TYPES)], f"合成实体{tag}{i:07d}", evidence=[evidence(docs[i % documents], i)]
        )
        for i in range(nodes)
    ]
    pools: dict[tuple[str, int], list[int]] = {}
    for i, entity in enumerate(entities):
        pools.setdefault((entity.type, i % documents), []).append(i)
    relations = []
    seen: set[tuple[int, int, str]] = set()
    rel_types = list(REL_ENDS)
    while len(relations) < relationships:
        # like real text: an edge joins two entities its own document mentions (1 in 10 crosses over)
        doc_index = len(relations) % documents
        rel_type = rel_types[len(relations) % len(rel_types)]
        head_type, tail_type = REL_ENDS[rel_type]
        tail_doc = doc_index if rng.random() < 0.9 else rng.randrange(documents)
        head = rng.choice(pools[(head_type, doc_index)])
        tail = rng.choice(pools[(tail_type, tail_doc)])
        if head == tail or (head, tail, rel_type) in seen:
            continue
        seen.add((head, tail, rel_type))
        doc = docs[doc_index]
        relations.append(
            Relation(rel_type, entities[head].ref, entities[tail].ref, evidence=[evidence(doc, len(relations))])
        )
    return ResolvedGraph(tuple(docs), (), tuple(entities), tuple(relations))


def document_seconds(seconds: dict[str, float]) -> float:
    """Seconds the writer spent on documents: every step but the reset and the schema and concepts."""
    return sum(value for step, value in seconds.items() if step not in {"reset", STAGE_SCHEMA})


def bare_merge_seconds(driver: Driver, rows: list[dict]) -> float:
    """Seconds to MERGE the same relationships again, as bare as Cypher allows: one thread, batched
    UNWIND, endpoints matched by key, their properties set — and nothing else: no entities, no
    evidence nodes, no document bookkeeping — under types of their own (BARE_<type>) so that
    nothing already loaded is matched. The relationships alone; what a loader cannot beat."""
    by_type: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        by_type[f"BARE_{row['type']}"].append({"head": row["head"], "tail": row["tail"], "props": row["props"]})
    started = time.perf_counter()
    for rel_type, typed in by_type.items():
        statement = loader_query("bare_merge_relations", type=rel_type)
        for start in range(0, len(typed), BATCH_SIZE):
            driver.execute_query(statement, rows=typed[start : start + BATCH_SIZE])
    return time.perf_counter() - started


def machine_reference() -> float:
    """Seconds for a fixed pure-Python loop. The same host ran it in 2.2 s and in 3.3 s within an
    hour (shared cores): load figures from different runs compare only beside this one."""
    started = time.perf_counter()
    sum(range(10**8))
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nodes", type=int, default=200_000)
    parser.add_argument("--relationships", type=int, default=500_000)
    parser.add_argument("--row-sample", type=int, default=3_000)
    parser.add_argument("--warmup", type=float, default=0.25, help="size of the warm-up graph, as a fraction")
    args = parser.parse_args()
    print(f"machine reference (sum of 10^8 integers in Python): {machine_reference():.2f} s")
    graph = synthetic(args.nodes, args.relationships)
    with throwaway_neo4j():
        driver = open_driver()
        writer = GraphWriter(driver)
        writer.load(ResolvedGraph((), (), (), ()))  # schema and concepts, outside the measured loads
        if args.warmup > 0:
            warm = synthetic(int(args.nodes * args.warmup), int(args.relationships * args.warmup), tag="warmup")
            seconds = document_seconds(dict(writer.load(warm).seconds))
            print(
                f"cold (warm-up): {len(warm.relations)} relationships (+{len(warm.entities)} nodes) in {seconds:.1f} s "
                f"= {len(warm.relations) / seconds:,.0f} relationships/s"
            )
        print(f"machine reference before the measured load: {machine_reference():.2f} s")
        before = counts(driver)
        report = writer.load(graph)
        steps = {step: value for step, value in report.seconds.items() if step not in {"reset", STAGE_SCHEMA}}
        batched_seconds = document_seconds(dict(report.seconds))
        print("seconds per step: " + ", ".join(f"{step} {seconds:.1f}" for step, seconds in steps.items()))
        after = counts(driver)
        loaded_rels = sum(
            n - before["relationship"].get(t, 0) for t, n in after["relationship"].items() if t != "MENTIONED_IN"
        )
        loaded_nodes = after["total"]["nodes"] - before["total"].get("nodes", 0)
        batched_rate = len(graph.relations) / batched_seconds
        print(
            f"batched{' (warm)' if args.warmup > 0 else ''}: "
            f"{loaded_nodes} nodes, {loaded_rels} relationships "
            f"(+{len(graph.relations) + len(graph.entities)} evidence nodes) in {batched_seconds:.1f} s "
            f"= {batched_rate:,.0f} relationships/s"
        )

        batches = writer.rows.document_batches(graph.documents, graph.articles, graph.entities, graph.relations)
        rows = [row for batch in batches for row in batch.relations][: args.row_sample]
        driver.execute_query(loader_query("delete_relations_by_key"), keys=[r["props"]["key"] for r in rows])
        started = time.perf_counter()
        for row in rows:  # one statement, one transaction per row
            driver.execute_query(loader_query("upsert_relations", type=row["type"]), rows=[row])
        row_seconds = time.perf_counter() - started
        row_rate = len(rows) / row_seconds
        print(f"row by row: {len(rows)} relationships in {row_seconds:.1f} s = {row_rate:,.0f} relationships/s")
        print(f"ratio batched / row-by-row: {batched_rate / row_rate:.1f}x")
        print(f"machine reference before the floor: {machine_reference():.2f} s")
        floor_seconds = bare_merge_seconds(driver, [row for batch in batches for row in batch.relations])
        floor_rate = len(graph.relations) / floor_seconds
        print(
            f"bare MERGE floor (the relationships alone: one thread, batches of {BATCH_SIZE}, no evidence): "
            f"{len(graph.relations)} relationships in {floor_seconds:.1f} s = {floor_rate:,.0f} relationships/s"
        )
        print(f"loader rate as a share of the floor: {batched_rate / floor_rate:.0%} (target ≥ 50%)")
        print(f"machine reference after the run: {machine_reference():.2f} s")
        driver.close()


if __name__ == "__main__":
    main()
