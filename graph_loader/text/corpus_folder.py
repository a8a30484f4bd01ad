"""Add and remove documents in a corpus folder (what `POST /documents` and `DELETE /documents/{id}` do).

Why here and not in the API: the folder is the build's input (text.sources reads it; a mirroring
build makes the graph equal to it), so the rules for what may enter it sit beside the reader. The
API only checks the caller and queues a build.

Every write is atomic: the file is written under a hidden temporary name that no build reads
(sources reads `*.txt` and `*.pdf`) and renamed into place; the manifest is rewritten whole into a
temporary file and renamed over the old one, so a build running at the same moment sees the old
folder or the new one, never half of either. A lock serialises the writers of one process (the API
is the only writer besides people).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import threading
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from graph_loader.errors import InputError
from graph_loader.text.encoding import decode_bytes
from graph_loader.text.pdf import read_pdf
from graph_loader.text.sources import DOCUMENT_SUFFIXES as SUFFIXES
from graph_loader.text.sources import MANIFEST_NAME

_UNSAFE = re.compile(r"[^\w.\-]+")  # \w is Unicode: Chinese file names stay readable ids
_DATE = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")  # as the manifest has them
MAX_STEM = 120


class UploadRefused(InputError):
    """An upload that cannot become a document; `parameter` names the form field at fault and
    `status` the HTTP status that fits (415 wrong type, 422 unreadable content or metadata)."""

    def __init__(self, parameter: str, message: str, status: int = 422) -> None:
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter
        self.status = status


@dataclass(frozen=True)
class StoredDocument:
    """A document file of the folder: its id (the file's stem, as text.sources names documents)."""

    id: str
    file: str
    sha256: str


@dataclass(frozen=True)
class Metadata:
    """What a researcher knows about an upload, as the manifest records it ('' when not given)."""

    publication: str = ""
    date: str = ""
    kind: str = ""


def check_metadata(meta: Metadata) -> Metadata:
    """The metadata trimmed; UploadRefused naming the field when a date is not YYYY[-MM[-DD]]."""
    trimmed = Metadata(meta.publication.strip(), meta.date.strip(), meta.kind.strip())
    if trimmed.date and not _DATE.fullmatch(trimmed.date):
        raise UploadRefused("date", f"{trimmed.date!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return trimmed


def check_content(filename: str, data: bytes) -> str:
    """The suffix (.txt or .pdf) of an upload whose name and bytes agree; UploadRefused otherwise.

    Why by content as well as by name: a renamed binary would fail the build of every later upload.
    A PDF must start with the `%PDF` signature and have a text layer (text.pdf, 422 otherwise); a
    text must decode the way the build decodes it (text.encoding: UTF-8, UTF-16 or GB18030,
    strictly) and hold some text."""
    suffix = Path(filename.replace("\\", "/")).suffix.lower()
    if suffix not in SUFFIXES:
        raise UploadRefused("file", f"{filename!r}: only .txt and .pdf files are documents", status=415)
    is_pdf = data.lstrip(b"\x00\t\r\n ").startswith(b"%PDF")
    if suffix == ".pdf":
        if not is_pdf:
            raise UploadRefused("file", f"{filename!r} is not a PDF (no %PDF signature at its start)", status=415)
        try:  # read now as the build will: a scanned or broken PDF is refused here, not by a failed build
            read_pdf(data, filename)
        except InputError as error:
            raise UploadRefused("file", f"cannot be read: {error}") from error
        return suffix
    if is_pdf:  # an uncompressed PDF would even decode as text
        raise UploadRefused("file", f"{filename!r} is a PDF: name it .pdf", status=415)
    if not data.strip():  # before decoding: four spaces would read as one UTF-16 character
        raise UploadRefused("file", f"{filename!r} holds no text")
    try:
        text, _ = decode_bytes(data, filename)
    except InputError as error:
        raise UploadRefused("file", f"{filename!r} is not text the build can read: {error}", status=415) from error
    if not text.strip():
        raise UploadRefused("file", f"{filename!r} holds no text")
    return suffix


def document_stem(filename: str) -> str:
    """A safe document id from an uploaded file's name: the base name without its suffix, NFC,
    with anything but letters, digits, `.`, `-` and `_` turned into `-` (no path can survive)."""
    base = Path(unicodedata.normalize("NFC", filename).replace("\\", "/")).name
    stem = _UNSAFE.sub("-", Path(base).stem).strip(".-_")
    return stem[:MAX_STEM].rstrip(".-_")


class CorpusFolder:
    """One corpus folder: its document files by content, adding and removing with the manifest."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()

    def documents(self) -> list[StoredDocument]:
        """The document files of the folder (regular files ending in .txt or .pdf), by name."""
        found = []
        for entry in sorted(self.path.iterdir()) if self.path.is_dir() else []:
            if entry.suffix.lower() in SUFFIXES and entry.is_file() and not entry.name.startswith("."):
                digest = hashlib.sha256(entry.read_bytes()).hexdigest()
                found.append(StoredDocument(entry.stem, entry.name, digest))
        return found

    def find(self, doc_id: str) -> StoredDocument | None:
        return next((doc for doc in self.documents() if doc.id == doc_id), None)

    def same_content(self, data: bytes) -> StoredDocument | None:
        """The document whose bytes equal `data` (the build would load them once), or None."""
        digest = hashlib.sha256(data).hexdigest()
        return next((doc for doc in self.documents() if doc.sha256 == digest), None)

    def add(self, filename: str, data: bytes, meta: Metadata = Metadata(), by: str = "") -> tuple[StoredDocument, bool]:
        """Store an upload and its manifest entry (with who uploaded it, `by`): (document, True), or
        (the existing document, False) when the folder already holds the same bytes. A name taken by
        other content gets `-2`, `-3` … UploadRefused when the name or the bytes do not make a
        document (check_content)."""
        suffix = check_content(filename, data)
        meta = check_metadata(meta)
        digest = hashlib.sha256(data).hexdigest()
        with self._lock:
            existing = self.documents()
            same = next((doc for doc in existing if doc.sha256 == digest), None)
            if same is not None:
                return same, False
            taken = {doc.id for doc in existing}
            stem = document_stem(filename) or f"upload-{digest[:12]}"
            doc_id = stem
            for number in range(2, 10_000):
                if doc_id not in taken:
                    break
                doc_id = f"{stem}-{number}"
            target = self.path / f"{doc_id}{suffix}"
            _write_atomically(target, data)
            entry = {
                "id": doc_id,
                "file": target.name,
                "publication": meta.publication,
                "kind": meta.kind,
                "date": meta.date,
                "sha256": digest,
                "uploaded": _now(),
                "uploaded_by": by,
            }
            try:
                self._rewrite_manifest(lambda entries: [*_without(entries, doc_id), entry])
            except BaseException:
                target.unlink(missing_ok=True)
                raise
            return StoredDocument(doc_id, target.name, digest), True

    def remove(self, doc_id: str) -> StoredDocument | None:
        """Delete a document's file and its manifest entry; None when the folder has no such document."""
        with self._lock:
            found = next((doc for doc in self.documents() if doc.id == doc_id), None)
            if found is None:
                return None
            self._rewrite_manifest(lambda entries: _without(entries, doc_id))
            (self.path / found.file).unlink(missing_ok=True)
            return found

    def _rewrite_manifest(self, change: Any) -> None:
        """Apply `change` (entries → entries) to manifest.json, keeping its other keys ("about" …)."""
        path = self.path / MANIFEST_NAME
        data: Any = {"documents": []}
        if path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8-sig"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
                raise InputError(f"{path}: malformed manifest ({error})") from error
        if isinstance(data, list):
            data = {"documents": data}
        if not isinstance(data, dict) or not isinstance(data.get("documents", []), list):
            raise InputError(f"{path}: malformed manifest (no 'documents' list)")
        data = {**data, "documents": change(list(data.get("documents", [])))}
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        _write_atomically(path, text.encode("utf-8"))


def _without(entries: list[Any], doc_id: str) -> list[Any]:
    return [e for e in entries if not (isinstance(e, dict) and (e.get("id") == doc_id or _stem(e) == doc_id))]


def _stem(entry: dict[str, Any]) -> str:
    file = entry.get("file")
    return Path(file).stem if isinstance(file, str) else ""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _write_atomically(target: Path, data: bytes) -> None:
    """Write `data` to a hidden temporary file beside `target` (a name no build reads), then rename."""
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".upload-", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
