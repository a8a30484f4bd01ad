"""Read-only figures about what is in Neo4j: a checksum of the whole graph and counts per label/type.

Why apart from the writer: nothing here writes, and its callers are not loaders — the build
summary, the benchmark and the tests that prove a rerun or an interrupted load ends with exactly
the same graph. Taking a driver (not a writer) keeps them usable on any database.
"""

from __future__ import annotations

import hashlib
import json

from neo4j import Driver

from queries import loader_query


def checksum(driver: Driver) -> str:
    """SHA-256 over every node and relationship with all properties: equal graphs, equal sums."""
    digest = hashlib.sha256()
    for query_name in ("snapshot_nodes", "snapshot_relationships"):
        records, _, _ = driver.execute_query(loader_query(query_name))
        for record in records:
            row = record.data()
            if "labels" in row:
                row["labels"] = sorted(row["labels"])
            digest.update(json.dumps(row, sort_keys=True, ensure_ascii=False, default=str).encode())
    return digest.hexdigest()


def counts(driver: Driver) -> dict[str, dict[str, int]]:
    """{"node": {label: n}, "relationship": {type: n}, "total": {"nodes": n, …}} as the `counts` query reports."""
    records, _, _ = driver.execute_query(loader_query("counts"))
    out: dict[str, dict[str, int]] = {"node": {}, "relationship": {}, "total": {}}
    for record in records:
        out[record["kind"]][record["name"]] = record["count"]
    return out
