"""Neo4j dying under the API and under `ukg build`, on a second embedded instance of this module's
own (the session's instance stays up for every other test).

The API answers 503 once Neo4j is gone and 200 again once it is back, without a restart; a build
whose Neo4j is killed ends with one line on stderr and a non-zero exit, and re-running it gives
the same graph as an uninterrupted build.
How fast the 503 comes is measured in bench/faults.py, not asserted here.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph_loader.neo4j.diagnostics import checksum
from graph_loader.neo4j.embedded import free_port
from graph_loader.neo4j.store import open_driver
from graph_loader.settings import PASSWORD_FILE_NAME, Neo4jSettings
from tests.support.paths import CORPUS

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(bool(os.environ.get("NEO4J_URI")), reason="kills an embedded Neo4j of its own"),
]


@dataclass(frozen=True)
class SideNeo4j:
    state: Path
    port: int

    @property
    def env(self) -> dict[str, str]:
        return dict(
            os.environ,
            UKG_STATE_DIR=str(self.state),
            UKG_NEO4J_PORT=str(self.port),
            UKG_NEO4J_JVM_OPTIONS="-Xms512m -Xmx768m -XX:+UseParallelGC",
        )

    @property
    def settings(self) -> Neo4jSettings:
        return Neo4jSettings(
            uri=f"bolt://127.0.0.1:{self.port}",
            user="neo4j",
            password="",
            external=False,
            port=self.port,
            password_file=self.state / PASSWORD_FILE_NAME,
        )

    def ukg(self, *args: str, **options) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "ukg", *args], env=self.env, capture_output=True, text=True, check=False, **options
        )

    def start(self) -> None:
        started = self.ukg("neo4j", "start", timeout=300)
        assert started.returncode == 0, started.stderr

    def kill(self) -> None:
        """SIGKILL, as a crash: no shutdown hook runs."""
        pid = int((self.state / "neo4j.pid").read_text().split()[0])
        os.kill(pid, signal.SIGKILL)
        while Path(f"/proc/{pid}").exists() and "Z" not in _state(pid):
            time.sleep(0.05)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2]
    except (OSError, IndexError):
        return "Z"


@pytest.fixture(scope="module")
def side(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SideNeo4j]:
    instance = SideNeo4j(tmp_path_factory.mktemp("side-neo4j"), free_port())
    instance.start()
    try:
        yield instance
    finally:
        instance.ukg("neo4j", "stop", timeout=120)


def test_api_answers_503_when_neo4j_dies_and_recovers_without_restart(side: SideNeo4j) -> None:
    # cache_ttl=0: the graph version is read on every request, so no cached answer is served once
    # Neo4j is gone (with the default, cached answers go on for up to a second; bench/faults.py).
    with TestClient(create_app(side.settings, cache_ttl=0)) as client:
        assert client.get("/practices").status_code == 200
        side.kill()
        for path in ("/practices", "/health", "/organizations"):
            response = client.get(path)
            assert response.status_code == 503, (path, response.text)
        cypher = client.post("/cypher", json={"query": "RETURN 1 AS x"})
        assert cypher.status_code == 503 and cypher.json()["error"] == "neo4j_unavailable"
        side.start()
        assert client.get("/practices").status_code == 200
        assert client.get("/health").json()["status"] == "ok"
        assert client.post("/cypher", json={"query": "RETURN 1 AS x"}).json()["rows"] == [{"x": 1}]


def test_neo4j_killed_mid_build_is_one_line_and_rerun_gives_the_same_graph(side: SideNeo4j) -> None:
    # The reference is built here, by the same code as the runs below (not the session's graph,
    # which was built when the session started).
    uninterrupted = side.ukg("build", "--corpus", str(CORPUS), "--reset", timeout=600)
    assert uninterrupted.returncode == 0, uninterrupted.stderr
    reference = _checksum(side)
    side_driver = open_driver(side.settings)
    side_driver.execute_query("MATCH (n) DETACH DELETE n")  # so that the Evidence count below is the new load's
    env = dict(side.env, UKG_BATCH_SIZE="20")  # small transactions: many points to be killed at
    build = subprocess.Popen(
        [sys.executable, "-m", "ukg", "build", "--corpus", str(CORPUS)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 300
        evidence = 0
        while evidence <= 100 and build.poll() is None and time.monotonic() < deadline:
            records, _, _ = side_driver.execute_query("MATCH (e:Evidence) RETURN count(e) AS n")
            evidence = records[0]["n"]
            time.sleep(0.02)
        assert build.poll() is None, "the build finished before Neo4j could be killed"
        side.kill()
    finally:
        side_driver.close()
    _, stderr = build.communicate(timeout=300)
    assert build.returncode != 0
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("error: Neo4j stopped answering during the build"), stderr
    side.start()
    rerun = side.ukg("build", "--corpus", str(CORPUS), timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert _checksum(side) == reference


def _checksum(side: SideNeo4j) -> str:
    driver = open_driver(side.settings)
    try:
        return checksum(driver)
    finally:
        driver.close()
