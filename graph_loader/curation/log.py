"""The curation log: an append-only JSON Lines file in the state directory.

Why append-only: the log is the audit trail — who changed what, when and why — and the only copy
of the researchers' work. Nothing is ever rewritten or deleted: a revert is a new line naming the
line it undoes. Appends take an exclusive lock and are flushed to disk before returning, so two
writers (the API and `ukg curation import`) never interleave half lines and an acknowledged
correction survives a crash.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import secrets
from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import orjson

from graph_loader.curation.records import Correction, CorrectionError, check
from graph_loader.errors import InputError
from graph_loader.settings import state_dir

LOG_NAME = "curation.jsonl"


def default_log_path() -> Path:
    return state_dir() / LOG_NAME


def new_id() -> str:
    """Sortable by time, unique without coordination: `c-<UTC timestamp>-<random>`."""
    return f"c-{datetime.now(UTC).strftime('%Y%m%dT%H%M%S%f')}-{secrets.token_hex(3)}"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


class CurationLog:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_log_path()

    def read(self) -> list[Correction]:
        """Every correction, in the order written; a damaged line is an InputError naming it."""
        if not self.path.exists():
            return []
        corrections = []
        with self.path.open("rb") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    corrections.append(Correction.from_json(orjson.loads(line)))
                except (orjson.JSONDecodeError, CorrectionError) as error:
                    raise InputError(f"{self.path}:{number}: not a correction: {error}") from None
        return corrections

    def append(self, corrections: Iterable[Correction]) -> list[Correction]:
        """Write corrections at the end of the log (checked first: all or none are written)."""
        lines = [orjson.dumps(check(correction).to_json()) + b"\n" for correction in corrections]
        if not lines:
            return []
        self.path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        with os.fdopen(descriptor, "ab") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                handle.write(b"".join(lines))
                handle.flush()
                os.fsync(handle.fileno())
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
        return list(corrections)

    def revert(self, correction_id: str, author: str, reason: str = "") -> Correction:
        """Log the undoing of a correction (the log keeps both); InputError for an unknown id."""
        if correction_id not in {correction.id for correction in self.read()}:
            raise InputError(f"no correction {correction_id!r} in {self.path}")
        return self.record(Correction("", author, "", "revert", reason, reverts=correction_id))

    def record(self, correction: Correction) -> Correction:
        """Append one new correction, giving it an id and the time when it has none."""
        stamped = replace(correction, id=correction.id or new_id(), time=correction.time or now())
        self.append([stamped])
        return stamped

    def import_from(self, path: Path) -> tuple[int, int]:
        """Append the corrections of an exported log that this one lacks (by id): (added, already here)."""
        if not path.is_file():
            raise InputError(f"no such file: {path}")
        incoming = CurationLog(path).read()
        known = {correction.id for correction in self.read()}
        new = [correction for correction in incoming if correction.id not in known]
        self.append(new)
        return len(new), len(incoming) - len(new)

    def digest(self) -> str:
        """Changes whenever the log does: part of each document's load stamp, so a build after a
        correction reloads the graph instead of skipping unchanged documents."""
        if not self.path.exists():
            return "none"
        return hashlib.sha256(self.path.read_bytes()).hexdigest()[:16]


def in_force(corrections: list[Correction]) -> set[str]:
    """Ids of the corrections in force, reverts included: those no later revert in force undoes
    (so a revert of a revert restores the original)."""
    reverted: set[str] = set()
    for correction in reversed(corrections):
        if correction.id not in reverted and correction.kind == "revert" and correction.reverts is not None:
            reverted.add(correction.reverts)
    return {correction.id for correction in corrections if correction.id not in reverted}


def effective(corrections: list[Correction]) -> list[Correction]:
    """The corrections to apply: those in force, without the reverts themselves."""
    force = in_force(corrections)
    return [c for c in corrections if c.kind != "revert" and c.id in force]


def write_private_json(value: object, target: Path) -> None:
    """`value` as JSON in a file only its owner reads (0600), written whole and then renamed, so a
    reader never sees half a file: the tokens, and each build's conflicts and rejected edges."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".tmp")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(orjson.dumps(value, option=orjson.OPT_INDENT_2))
    partial.replace(target)
