"""The embedded Neo4j: real start/stop/status, against the live launcher (no mocks)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from graph_loader.errors import Neo4jLaunchError
from graph_loader.neo4j import embedded as neo4j_embedded

pytestmark = pytest.mark.integration

UKG = [sys.executable, "-m", "ukg"]


def run_ukg(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*UKG, *args], capture_output=True, text=True, env=env or dict(os.environ), timeout=300)


def test_write_read_back_and_version(driver) -> None:
    driver.execute_query("MERGE (n:UkgSmokeTest {key: 'smoke'}) SET n.value = 42")
    records, _, _ = driver.execute_query("MATCH (n:UkgSmokeTest {key: 'smoke'}) RETURN n.value AS value")
    assert records[0]["value"] == 42
    records, _, _ = driver.execute_query("CALL dbms.components() YIELD name, versions RETURN name, versions")
    assert records[0]["name"] == "Neo4j Kernel"
    assert records[0]["versions"][0].startswith("5.26."), records[0]["versions"]
    driver.execute_query("MATCH (n:UkgSmokeTest) DELETE n")


def test_second_start_is_a_noop(neo4j_instance: str) -> None:
    if os.environ.get("NEO4J_URI"):
        pytest.skip("external Neo4j")
    before = neo4j_embedded.read_instance()
    result = run_ukg("neo4j", "start")
    assert result.returncode == 0, result.stderr
    assert "already running" in result.stdout
    assert neo4j_embedded.read_instance() == before


def test_status_reports_uri_and_version(neo4j_instance: str) -> None:
    result = run_ukg("neo4j", "status")
    assert result.returncode == 0, result.stdout + result.stderr
    assert neo4j_instance in result.stdout
    assert "5.26." in result.stdout


def test_port_taken_gives_one_line_error(neo4j_instance: str, tmp_path: Path) -> None:
    if os.environ.get("NEO4J_URI"):
        pytest.skip("external Neo4j")
    env = dict(os.environ, UKG_STATE_DIR=str(tmp_path / "other"))  # a second instance, same port
    result = run_ukg("neo4j", "start", env=env)
    assert result.returncode != 0
    assert "already in use" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_start_stop_cycle_and_stale_pid(tmp_path: Path) -> None:
    """A second instance in its own folder: stale PID file is ignored, stop leaves no process."""
    root = tmp_path / "state"
    root.mkdir()
    paths = neo4j_embedded.paths(root)
    paths.pid_file.write_text("999999 1\n")  # stale: no such process
    assert neo4j_embedded.read_instance(root) is None
    assert not paths.pid_file.exists()
    port = neo4j_embedded.free_port()
    instance, started = neo4j_embedded.start(port, root)
    assert started and neo4j_embedded.bolt_answers(port)
    again, started_again = neo4j_embedded.start(port, root)
    assert not started_again and again == instance
    stopped = neo4j_embedded.stop(root)
    assert stopped == instance
    assert not Path(f"/proc/{instance.pid}").exists()
    assert not neo4j_embedded.bolt_answers(port)
    assert neo4j_embedded.stop(root) is None


def test_port_check_names_the_port(neo4j_instance: str, tmp_path: Path) -> None:
    if os.environ.get("NEO4J_URI"):
        pytest.skip("external Neo4j")
    port = int(neo4j_instance.rsplit(":", 1)[1])
    with pytest.raises(Neo4jLaunchError, match=str(port)):
        neo4j_embedded.start(port, tmp_path)
