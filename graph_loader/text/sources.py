"""Find and decode corpus files; attach manifest metadata.

The corpus is PDF-extracted text from several publishers, so encodings vary: most files are
UTF-8 (some with a BOM), older ones GB18030/GBK. We decode strictly and fail loudly with the
byte offset, because a silently mis-decoded file would poison every later stage.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from graph_loader.errors import InputError
from graph_loader.records import SourceDocument

log = logging.getLogger(__name__)

MANIFEST_NAME = "manifest.json"
_BOM = b"\xef\xbb\xbf"
# Control characters that never occur in text files (tab, LF, CR, FF are fine).
_TEXT_CONTROLS = {9, 10, 12, 13}
_BINARY_SAMPLE = 8192


def _looks_binary(data: bytes) -> bool:
    """NUL bytes or mostly control characters in the first few KB mean "not a text file"."""
    sample = data[:_BINARY_SAMPLE]
    if b"\x00" in sample:
        return True
    if not sample:
        return False
    controls = sum(1 for b in sample if b < 32 and b not in _TEXT_CONTROLS)
    return controls / len(sample) > 0.3


def decode_bytes(data: bytes, path: str) -> tuple[str, str]:
    """Decode raw bytes as UTF-8 (BOM optional), else GB18030; return (text, encoding name).

    GB18030 is a superset of GBK and GB2312, so one fallback covers the older publishers.
    """
    if _looks_binary(data):
        raise InputError(f"{path}: binary file (not text)")
    if data.startswith(_BOM):
        try:
            return data[len(_BOM):].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as error:
            raise InputError(
                f"{path}: cannot decode as UTF-8 at byte offset {error.start + len(_BOM)}"
            ) from error
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError as gb_error:
            raise InputError(
                f"{path}: cannot decode as UTF-8 (byte offset {utf8_error.start}) "
                f"or GB18030 (byte offset {gb_error.start})"
            ) from gb_error


def read_manifest(directory: Path) -> dict[str, dict[str, Any]]:
    """manifest.json entries keyed by file name and by document id; {} when absent."""
    path = directory / MANIFEST_NAME
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(f"{path}: malformed manifest ({error})") from error
    entries = data.get("documents", []) if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise InputError(f"{path}: malformed manifest (no 'documents' list)")
    table: dict[str, dict[str, Any]] = {}
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        for key in (entry.get("file"), entry.get("id")):
            if isinstance(key, str) and key:
                table[key] = entry
    return table


Manifest = Mapping[str, Mapping[str, Any]]


def load_document(path: str | Path, manifest: Manifest | None = None) -> SourceDocument:
    """Read and decode one file. An empty file gives a document with empty text.

    `manifest` is the table from `read_manifest`; when None, the file's own directory is
    consulted so that `ukg segment FILE` gets the publication date without extra flags.
    """
    file_path = Path(path)
    if not file_path.exists():
        raise InputError(f"file not found: {file_path}")
    if not file_path.is_file():
        raise InputError(f"{file_path}: not a file")
    try:
        data = file_path.read_bytes()
    except OSError as error:
        raise InputError(f"{file_path}: cannot read ({error.strerror})") from error
    text, encoding = decode_bytes(data, str(file_path)) if data else ("", "utf-8")
    if manifest is None:
        manifest = read_manifest(file_path.parent)
    meta = manifest.get(file_path.name) or manifest.get(file_path.stem) or {}
    return SourceDocument(
        id=file_path.stem,
        path=str(file_path),
        raw_text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        publication=str(meta.get("publication", "")),
        kind=str(meta.get("kind", "")),
        date=str(meta.get("date", "")),
    )


def load_corpus(path_or_dir: str | Path) -> list[SourceDocument]:
    """Every *.txt in a directory (sorted by name), or the one file given; empty files skipped."""
    path = Path(path_or_dir)
    if not path.exists():
        raise InputError(f"corpus not found: {path}")
    if path.is_file():
        files = [path]
        manifest = read_manifest(path.parent)
    else:
        files = sorted(p for p in path.glob("*.txt") if p.is_file())
        manifest = read_manifest(path)
    documents = []
    for file_path in files:
        document = load_document(file_path, manifest)
        if not document.raw_text.strip():
            log.warning("skipping empty file: %s", file_path)
            continue
        documents.append(document)
    return documents
