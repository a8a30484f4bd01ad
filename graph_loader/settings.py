"""Where things live: state directory, corpus, Neo4j connection. Environment overrides defaults.

One place decides these so that every command (and every test) agrees on them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
LAUNCHER_DIR = PROJECT_ROOT / "launcher"
DEFAULT_BOLT_PORT = 7687


def default_corpus_dir() -> Path:
    """`$UKG_CORPUS`, else `../shared/corpus` beside the project checkout."""
    env = os.environ.get("UKG_CORPUS")
    if env:
        return Path(env)
    return PROJECT_ROOT.parent / "shared" / "corpus"


def state_dir() -> Path:
    """`$UKG_STATE_DIR`, else `.ukg/` in the project checkout: Neo4j data, logs, PID file."""
    env = os.environ.get("UKG_STATE_DIR")
    return Path(env).resolve() if env else PROJECT_ROOT / ".ukg"


@dataclass(frozen=True)
class Neo4jSettings:
    """How to reach Neo4j. `external` is true when NEO4J_URI points at a server we don't manage."""

    uri: str
    user: str
    password: str
    external: bool
    port: int


def neo4j_settings() -> Neo4jSettings:
    uri = os.environ.get("NEO4J_URI")
    if uri:
        return Neo4jSettings(
            uri=uri,
            user=os.environ.get("NEO4J_USER", "neo4j"),
            password=os.environ.get("NEO4J_PASSWORD", ""),
            external=True,
            port=0,
        )
    port = int(os.environ.get("UKG_NEO4J_PORT", DEFAULT_BOLT_PORT))
    # The embedded DBMS runs with auth disabled on loopback; the driver still sends a token.
    return Neo4jSettings(uri=f"bolt://127.0.0.1:{port}", user="neo4j", password="neo4j", external=False, port=port)
