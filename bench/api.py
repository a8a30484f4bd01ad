"""Benchmark: 64 concurrent clients over the API's named queries against a running `ukg serve`.

    python bench/api.py [--clients 64] [--seconds 60] [--url http://127.0.0.1:PORT]

Without --url it starts a throwaway embedded Neo4j, builds the corpus into it, and starts
`ukg serve` on a free port. Each client loops over the requests below for the duration;
requests/s and p50/p99 latency are reported per query, and any error is counted (target: 0).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import aiohttp
import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from graph_loader.neo4j.throwaway import throwaway_neo4j  # noqa: E402

# Thousands of paths over the whole graph: seconds of Neo4j CPU each, within /cypher's timeout.
HEAVY_CYPHER = "MATCH (a)-[*1..4]-(b) RETURN count(*) AS paths"

REQUESTS: dict[str, tuple[str, dict[str, str]]] = {
    "organizations (headline)": (
        "/organizations",
        {"label": "UnionOrganization", "carrier_type": "town", "practice": "craftsman-school"},
    ),
    "organizations (page)": ("/organizations", {"label": "UnionOrganization", "limit": "20"}),
    "practices": ("/practices", {}),
    "practice_adopters": ("/practices/craftsman-school/adopters", {}),
    "entity": ("/entities/practice/craftsman-school", {}),
    "search": ("/search", {"q": "小镇"}),
    "place_hierarchy": ("/places/湖州市", {}),
    "people": ("/people", {"limit": "20"}),
    "party_building": ("/party-building", {}),
    "path": ("/paths", {"source": "practice/craftsman-school", "target": "practice-category/skills"}),
    "overview (named)": ("/queries/overview", {"limit": "50"}),
}


async def client_loop(
    session: aiohttp.ClientSession, stop_at: float, latencies: dict, errors: dict, offset: int
) -> None:
    names = list(REQUESTS)
    i = offset
    while time.monotonic() < stop_at:
        name = names[i % len(names)]
        path, params = REQUESTS[name]
        started = time.perf_counter()
        try:
            async with session.get(path, params=params) as response:
                await response.read()
                ok = response.status == 200
        except aiohttp.ClientError:
            ok = False
        elapsed = time.perf_counter() - started
        if ok:
            latencies[name].append(elapsed)
        else:
            errors[name] += 1
        i += 1


async def heavy_loop(session: aiohttp.ClientSession, stop_at: float, counts: dict) -> None:
    """One client sending HEAVY_CYPHER to /cypher back to back (429 when the caller pool is full)."""
    while time.monotonic() < stop_at:
        try:
            async with session.post("/cypher", json={"query": HEAVY_CYPHER, "timeout": 10}) as response:
                await response.read()
                counts[response.status] += 1
                if response.status == 429:  # a polite client waits as told
                    await asyncio.sleep(float(response.headers.get("Retry-After", "1")))
        except aiohttp.ClientError:
            counts["error"] += 1


async def run(url: str, clients: int, seconds: float, heavy: int = 0) -> tuple[dict, dict, float, dict]:
    """Why aiohttp here: httpx's client spent a whole core on 130 requests/s over 64 connections, so
    the benchmark measured itself; aiohttp's keeps up with the server on the other core."""
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    heavy_counts: dict = defaultdict(int)
    connector = aiohttp.TCPConnector(limit=clients + heavy)
    timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(base_url=url, connector=connector, timeout=timeout) as session:
        started = time.monotonic()
        stop_at = started + seconds
        await asyncio.gather(
            *(client_loop(session, stop_at, latencies, errors, n) for n in range(clients)),
            *(heavy_loop(session, stop_at, heavy_counts) for _ in range(heavy)),
        )
        return latencies, errors, time.monotonic() - started, heavy_counts


def report(latencies: dict, errors: dict, elapsed: float, clients: int, heavy: dict) -> None:
    every = sorted(value for values in latencies.values() for value in values)
    p99_all = every[min(len(every) - 1, int(len(every) * 0.99))] * 1000 if every else float("nan")
    print(
        f"{clients} clients, {elapsed:.0f} s: {len(every) / elapsed:,.0f} requests/s, "
        f"p99 {p99_all:.1f} ms, errors {sum(errors.values())}"
    )
    if heavy:
        answered = ", ".join(f"{status}: {count}" for status, count in sorted(heavy.items(), key=str))
        print(f"heavy /cypher alongside (answers by status): {answered}")
    print(f"{'query':28} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for name in REQUESTS:
        values = sorted(latencies.get(name, []))
        if not values:
            print(f"{name:28} {'-':>8} {'-':>8} {'-':>8} {errors.get(name, 0):>7}")
            continue
        p50 = statistics.median(values) * 1000
        p99 = values[min(len(values) - 1, int(len(values) * 0.99))] * 1000
        print(f"{name:28} {len(values) / elapsed:8.1f} {p50:8.1f} {p99:8.1f} {errors.get(name, 0):>7}")


def wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"the API at {url} did not answer within {timeout:.0f} s")


def _measure(url: str, args: argparse.Namespace) -> tuple[dict, dict, float, dict]:
    asyncio.run(run(url, args.clients, 3, 0))  # warm-up: connections, first answers
    return asyncio.run(run(url, args.clients, args.seconds, args.heavy))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--url", default=None)
    parser.add_argument("--heavy", type=int, default=0, help="clients sending a heavy /cypher query meanwhile")
    parser.add_argument("--workers", type=int, default=None, help="`ukg serve --workers` (default: its own)")
    args = parser.parse_args()
    if args.url:
        latencies, errors, elapsed, heavy = _measure(args.url, args)
        report(latencies, errors, elapsed, args.clients, heavy)
        return
    from graph_loader.neo4j.embedded import free_port
    from graph_loader.settings import default_corpus_dir
    from ukg.build import build_graph

    with throwaway_neo4j():
        build_graph(default_corpus_dir(), reset=True)
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [sys.executable, "-m", "ukg", "serve", "--port", str(port), "--no-start-neo4j"]
            + ([] if args.workers is None else ["--workers", str(args.workers)]),
            env=dict(os.environ),
            stdout=subprocess.DEVNULL,
        )
        try:
            wait_for(url)
            latencies, errors, elapsed, heavy = _measure(url, args)
        finally:
            server.terminate()
            server.wait(timeout=30)
        report(latencies, errors, elapsed, args.clients, heavy)


if __name__ == "__main__":
    main()
