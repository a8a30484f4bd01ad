"""Benchmark: how long the API takes to say 503 after Neo4j dies, and to answer again after a restart.

    python bench/faults.py [--rounds 3]

Starts a throwaway embedded Neo4j (empty graph: the time measured is the fault path, not a
query), serves the app in-process, kills Neo4j with SIGKILL and times the first and the second
request after the kill (the response cache answers from memory until its version check, at most a
second, fails; the time is from the kill to the first 503), then restarts Neo4j
and times the first request that answers 200 again.
Run once with the API's reader timeouts (graph_loader.neo4j.store, READER_*) and once with the
driver's defaults (`--driver-defaults`, what the API used before issue 14) for a before/after.
Target: the first 503 within 3 s.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fastapi.testclient import TestClient  # noqa: E402

import graph_loader.neo4j.database as database_module  # noqa: E402
from api.app import create_app  # noqa: E402
from graph_loader.neo4j import embedded, store  # noqa: E402
from graph_loader.neo4j.throwaway import throwaway_neo4j  # noqa: E402
from graph_loader.settings import neo4j_settings  # noqa: E402


def _timed(client: TestClient, path: str) -> tuple[int, float]:
    started = time.perf_counter()
    status = client.get(path).status_code
    return status, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--driver-defaults", action="store_true", help="the driver's default timeouts (before)")
    args = parser.parse_args()
    if args.driver_defaults:
        database_module.open_driver = lambda settings, reader=False: store.open_driver(settings)  # type: ignore[assignment]
    with throwaway_neo4j("ukg-bench-faults-") as instance:
        settings = neo4j_settings()
        with TestClient(create_app(settings)) as client:
            for round_ in range(1, args.rounds + 1):
                assert client.get("/practices").status_code == 200
                running = embedded.read_instance()
                assert running is not None
                os.kill(running.pid, signal.SIGKILL)
                killed = time.perf_counter()
                while embedded.read_instance() is not None:
                    time.sleep(0.05)
                served_from_cache = 0
                while (first := _timed(client, "/practices"))[0] == 200:  # cached answers, up to the version ttl
                    served_from_cache += 1
                first = (first[0], time.perf_counter() - killed)
                second = _timed(client, "/organizations")
                started = time.perf_counter()
                embedded.start(instance.port)  # type: ignore[arg-type]
                restarted = time.perf_counter() - started
                back = _timed(client, "/practices")
                print(
                    f"round {round_}: {served_from_cache} cached answers, then {first[0]} "
                    f"{first[1]:.2f} s after the kill; "
                    f"second {second[0]} in {second[1]:.2f} s; Neo4j restarted in {restarted:.1f} s, "
                    f"then {back[0]} in {back[1]:.2f} s"
                )


if __name__ == "__main__":
    main()
