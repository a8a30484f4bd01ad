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
PASSWORD_FILE_NAME = "neo4j.password"  # in the state directory, mode 0600; written by the first start


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
    """How to reach Neo4j. `external` is true when NEO4J_URI points at a server we don't manage.

    For the embedded server the password is not a value but a file (`password_file`), read at each
    connection: the settings of a long-lived process (the API) are made before the first start of
    Neo4j writes that file, and must still connect once it exists.
    """

    uri: str
    user: str
    password: str
    external: bool
    port: int
    password_file: Path | None = None

    def credentials(self) -> tuple[str, str]:
        """(user, password) to authenticate with now."""
        if self.password_file is None:
            return self.user, self.password
        try:
            return self.user, self.password_file.read_text(encoding="utf-8").strip()
        except OSError:
            return self.user, ""  # not started yet: the connection fails as unreachable, not as a crash


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
    # The embedded DBMS requires the password its first start generated (graph_loader.neo4j.embedded).
    return Neo4jSettings(
        uri=f"bolt://127.0.0.1:{port}",
        user="neo4j",
        password="",
        external=False,
        port=port,
        password_file=state_dir() / PASSWORD_FILE_NAME,
    )
