"""A fingerprint of everything that turns a document into graph facts.

The loader skips a document whose content it has already loaded; but a new version of the
extractor, its lexicons or the ontology may read the same text differently. The fingerprint
goes into each document's load stamp, so upgrading ukg reloads every document once.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_ONTOLOGY = _PACKAGE.parent / "ontology"
# Stage code and data only: the CLI, the writer or the API changing does not change any fact.
_SOURCES = ("text", "reference", "extract", "resolve.py", "pipeline.py")


@cache
def pipeline_fingerprint() -> str:
    digest = hashlib.sha256()
    files: list[Path] = []
    for name in _SOURCES:
        path = _PACKAGE / name
        files.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in {".py", ".yaml", ".txt"})
                     if path.is_dir() else [path])
    files.extend(sorted(_ONTOLOGY.glob("*.ttl")))
    for path in files:
        digest.update(path.relative_to(_PACKAGE.parent).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
