"""Authentication on the embedded Neo4j: the session's throwaway instance was started the way
`ukg neo4j start` starts every embedded instance, so it shows what a user's instance does."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError

from graph_loader.settings import neo4j_settings, state_dir

pytestmark = pytest.mark.integration

_EMBEDDED_ONLY = pytest.mark.skipif(bool(os.environ.get("NEO4J_URI")), reason="an external Neo4j has its own auth")


def _connect(uri: str, auth: tuple[str, str] | None) -> None:
    driver = GraphDatabase.driver(uri, auth=auth)
    try:
        driver.verify_connectivity()
        driver.execute_query("RETURN 1")
    finally:
        driver.close()


@_EMBEDDED_ONLY
@pytest.mark.parametrize("auth", [None, ("neo4j", "neo4j"), ("neo4j", ""), ("neo4j", "not-the-password")])
def test_bolt_without_the_password_is_refused(neo4j_instance: str, auth: tuple[str, str] | None) -> None:
    with pytest.raises(AuthError):
        _connect(neo4j_instance, auth)


@_EMBEDDED_ONLY
def test_bolt_with_the_generated_password_is_accepted(neo4j_instance: str) -> None:
    user, password = neo4j_settings().credentials()
    assert len(password) >= 24
    _connect(neo4j_instance, (user, password))


@_EMBEDDED_ONLY
def test_state_directory_and_password_file_are_private(neo4j_instance: str) -> None:
    settings = neo4j_settings()
    assert settings.password_file is not None and settings.password_file.parent == state_dir()
    assert stat.S_IMODE(state_dir().stat().st_mode) == 0o700
    assert stat.S_IMODE(settings.password_file.stat().st_mode) == 0o600


@_EMBEDDED_ONLY
def test_cli_commands_use_the_password(neo4j_instance: str) -> None:
    status = subprocess.run(
        [sys.executable, "-m", "ukg", "neo4j", "status"], capture_output=True, text=True, timeout=120, check=False
    )
    assert status.returncode == 0, status.stdout + status.stderr
    assert "running (embedded)" in status.stdout and "5.26." in status.stdout
