"""Find and decode corpus files; attach manifest metadata.

Decoding is text.encoding's (strict; UTF-8, UTF-16, GB18030). This module decides which files
are read at all: a corpus folder may hold things that are not documents — a FIFO (reading it
would block forever), a socket or device, a symlink that loops or dangles, a file we may not
read — and each is reported by name and skipped, never opened blindly. Two files with the same
bytes are one document: the second is skipped with a warning, so nothing loads twice.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from graph_loader.errors import InputError
from graph_loader.records import SourceDocument
from graph_loader.text.encoding import decode_bytes
from graph_loader.text.pdf import read_pdf

log = logging.getLogger(__name__)

MANIFEST_NAME = "manifest.json"
# Document files of a corpus folder: text, and PDFs read through their text layer (text.pdf).
DOCUMENT_SUFFIXES = (".txt", ".pdf")


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


def file_problem(path: Path) -> str | None:
    """Why `path` cannot be read as a document (missing, a symlink loop, a FIFO, a socket or
    device, a directory, unreadable), or None for a readable regular file. Never opens it."""
    try:
        info = path.stat()  # follows symlinks
    except RuntimeError:
        return "symlink loop"
    except OSError as error:
        if path.is_symlink():
            return "symlink loop" if error.errno == 40 else "broken symlink"
        return "not found" if error.errno == 2 else f"cannot read ({error.strerror})"
    mode = info.st_mode
    kinds = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
             (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a directory"))
    for test, kind in kinds:
        if test(mode):
            return f"not a regular file ({kind})"
    if not os.access(path, os.R_OK):
        return "cannot read (permission denied)"
    return None


def load_document(path: str | Path, manifest: Manifest | None = None) -> SourceDocument:
    """Read and decode one file. An empty file gives a document with empty text.

    `manifest` is the table from `read_manifest`; when None, the file's own directory is
    consulted so that `ukg segment FILE` gets the publication date without extra flags.
    """
    file_path = Path(path)
    problem = file_problem(file_path)
    if problem == "not found":
        raise InputError(f"file not found: {file_path}")
    if problem is not None:
        raise InputError(f"{file_path}: {problem}")
    try:
        data = file_path.read_bytes()
    except OSError as error:
        raise InputError(f"{file_path}: cannot read ({error.strerror})") from error
    page_starts: tuple[int, ...] = ()
    if file_path.suffix.lower() == ".pdf":
        pdf = read_pdf(data, str(file_path))
        text, encoding, page_starts = pdf.text, "pdf", pdf.page_starts
    else:
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
        page_starts=page_starts,
    )


def _corpus_files(path: Path) -> tuple[list[Path], Path]:
    """The files a corpus path names (a folder's *.txt and *.pdf, sorted, or the one file) and the folder
    whose manifest applies. A path that is neither is an error naming what it is."""
    problem = file_problem(path)
    if problem == "not found":
        raise InputError(f"corpus not found: {path}")
    if problem is not None and problem != "not a regular file (a directory)":
        raise InputError(f"{path}: {problem}")
    if problem is None:
        return [path], path.parent
    files = []
    for entry in sorted(p for p in path.iterdir() if p.suffix.lower() in DOCUMENT_SUFFIXES):
        why = file_problem(entry)
        if why is None:
            files.append(entry)
        elif why != "not a regular file (a directory)":
            log.warning("skipping %s: %s", entry, why)
    return files, path


def load_corpus(path_or_dir: str | Path) -> list[SourceDocument]:
    """Every *.txt and *.pdf in a directory (sorted by name), or the one file given; empty files,
    files that are not readable regular files and repeated content skipped with a warning.
    A PDF whose text is already in the folder as a .txt of the same name (its id) is skipped:
    one id, one document."""
    files, folder = _corpus_files(Path(path_or_dir))
    manifest = read_manifest(folder)
    documents = []
    texts = {f.stem for f in files if f.suffix.lower() == ".txt"}
    for file_path in files:
        if file_path.suffix.lower() != ".txt" and file_path.stem in texts:
            log.warning("skipping %s: document %r is read from its .txt", file_path, file_path.stem)
            continue
        document = load_document(file_path, manifest)
        if not document.raw_text.strip():
            log.warning("skipping empty file: %s", file_path)
            continue
        documents.append(document)
    return unique_content(documents)


def unique_content(documents: Iterable[SourceDocument]) -> list[SourceDocument]:
    """The documents with each content once: a file whose bytes equal an earlier one's is
    skipped with a warning naming both (it would load the same facts twice)."""
    seen: dict[str, SourceDocument] = {}
    out = []
    for document in documents:
        first = seen.setdefault(document.sha256, document)
        if first is document:
            out.append(document)
        else:
            log.warning("skipping %s: same content as %s (loaded once)", document.path, first.path)
    return out
