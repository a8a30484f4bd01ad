"""The loaded graph as an embedded RDF store (pyoxigraph), replaced whole at each build.

Why: SPARQL users get exactly the graph Neo4j holds, through the same RDF the export writes
(rdf_export.graph_to_rdf, which the SHACL shapes check) plus the OWL vocabulary (ukg.ttl), so
`?x a/rdfs:subClassOf* ukg:Organization` finds every organisation as the Neo4j label does.

Layout under `<state>/rdf/`:
- `v-<fingerprint>/`: a complete store (RocksDB), written once and never changed;
- `current`: a relative symlink to the store readers use, swapped with one rename, so a reader
  sees the old store or the new one and never half of one;
- `tmp-<pid>-<random>/`: a store being built; nobody reads it.
The previous store is kept beside the current one (a reader may still have it open for up to a
second); older ones and the leftovers of killed builds are removed.

The fingerprint hashes the graph's records, the export code and the ontology files: a build whose
graph did not change (an unchanged corpus) points `current` at the same store and writes nothing.
A build that adds to Neo4j instead of mirroring a folder (`ukg build --corpus FILE`) adds to a
copy of the current store (`add=True`), since Neo4j then holds the old graph plus the new one.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import secrets
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph
from rdflib import Graph

from graph_loader import rdf_export, rdf_validate
from graph_loader.errors import UkgError
from graph_loader.records import ResolvedGraph
from graph_loader.settings import state_dir
from ontology.terms import CONCEPTS_FILE, SHAPES_FILE, VOCAB_FILE

CURRENT = "current"
_VERSION = "v-"
_TMP = "tmp-"
_FORMAT = b"ukg-rdf-store 1"  # bump when the store's contents change for the same graph


class RdfStoreError(UkgError):
    """The RDF store cannot be written or opened; the message says where and why."""


class RdfStoreMissing(RdfStoreError):
    """No build has written an RDF store yet."""


@dataclass(frozen=True)
class StoreReport:
    """What a write did: the store now current, its size, and whether an identical one was reused."""

    path: Path
    triples: int
    seconds: float
    reused: bool


def store_root() -> Path:
    """`<state>/rdf`: where the stores and the `current` link live."""
    return state_dir() / "rdf"


def fingerprint(graph: ResolvedGraph, extra: Graph | None = None) -> str:
    """A digest of everything the store's contents depend on (records, extra triples, export code, ontology)."""
    digest = hashlib.sha256(_FORMAT)
    if extra is not None:
        digest.update(extra.serialize(format="nt", encoding="utf-8"))
    for path in (Path(rdf_export.__file__), Path(rdf_validate.__file__), VOCAB_FILE, CONCEPTS_FILE, SHAPES_FILE):
        digest.update(path.read_bytes())
    try:
        digest.update(pickle.dumps(graph, protocol=pickle.HIGHEST_PROTOCOL))
    except (pickle.PicklingError, TypeError, AttributeError):  # a record type pickle cannot take: repr is slower
        digest.update(repr(graph).encode())
    return digest.hexdigest()[:20]


def write(
    graph: ResolvedGraph, root: Path | None = None, *, add: bool = False, extra: Graph | None = None
) -> StoreReport:
    """Make `graph` (with `add`: the current store plus `graph`) the current store under `root`
    (default `store_root()`): built aside, then switched to in one rename. `extra` holds triples to
    store beside the export of `graph` (e.g. the corrections' provenance that `ukg export` adds).
    Raises RdfStoreError when the store cannot be written, after unlinking `current` so no stale
    graph is served."""
    started = time.perf_counter()
    root = root or store_root()
    try:
        root.mkdir(mode=0o700, parents=True, exist_ok=True)
        previous = current(root)
        base = previous if add else None
        name = fingerprint(graph, extra)
        if base is not None:
            name = hashlib.sha256(f"{base.name}+{name}".encode()).hexdigest()[:20]
        target = root / f"{_VERSION}{name}"
        reused = target.is_dir()
        if not reused:
            _build(graph, root, target, base, extra)
        _point_current(root, target)
        _prune(root, keep={target.name, previous.name if previous else ""})
        triples = len(pyoxigraph.Store.read_only(str(target)))
    except (OSError, rdf_export.ExportError) as error:
        with contextlib.suppress(OSError):
            (root / CURRENT).unlink(missing_ok=True)
        raise RdfStoreError(f"cannot write the RDF store in {root}: {error}") from error
    return StoreReport(target, triples, time.perf_counter() - started, reused)


def _build(graph: ResolvedGraph, root: Path, target: Path, base: Path | None, extra: Graph | None) -> None:
    """Write the store (a copy of `base` plus `graph` and `extra`) into a fresh temporary folder,
    then rename it to `target`."""
    rdf = rdf_export.graph_to_rdf(graph.entities, graph.relations, graph.articles, graph.documents)
    if extra is not None:
        rdf += extra
    data = rdf.serialize(format="nt", encoding="utf-8")  # N-Triples: the fastest way from rdflib to oxigraph
    tmp = root / f"{_TMP}{os.getpid()}-{secrets.token_hex(4)}"
    try:
        if base is not None:
            pyoxigraph.Store.read_only(str(base)).backup(str(tmp))
        store = pyoxigraph.Store(str(tmp))
        store.bulk_load(data, format=pyoxigraph.RdfFormat.N_TRIPLES)
        store.bulk_load(path=str(VOCAB_FILE), format=pyoxigraph.RdfFormat.TURTLE)
        store.flush()
        del store  # closes the database, so the folder is complete before it is renamed
        try:
            tmp.rename(target)
        except OSError:
            if not target.is_dir():  # else another build wrote the same graph first: use that one
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _point_current(root: Path, target: Path) -> None:
    link = root / f".{CURRENT}-{os.getpid()}-{secrets.token_hex(4)}"
    os.symlink(target.name, link)
    try:
        os.replace(link, root / CURRENT)
    except OSError:
        link.unlink(missing_ok=True)
        raise


def _prune(root: Path, keep: set[str]) -> None:
    """Remove stores other than `keep`, and temporary folders whose build process is gone."""
    for entry in root.iterdir():
        if entry.name.startswith(_VERSION) and entry.name not in keep:
            shutil.rmtree(entry, ignore_errors=True)
        elif entry.name.startswith(_TMP) and not _alive(entry.name[len(_TMP) :].partition("-")[0]):
            shutil.rmtree(entry, ignore_errors=True)


def _alive(pid: str) -> bool:
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True


def current(root: Path | None = None) -> Path | None:
    """The folder of the current store (the `current` link resolved); None before the first build."""
    link = (root or store_root()) / CURRENT
    try:
        name = os.readlink(link)
    except OSError:
        return None
    path = link.parent / name
    return path if path.is_dir() else None


def open_read_only(path: Path | None = None, *, root: Path | None = None) -> pyoxigraph.Store:
    """The store at `path` (default: the current one under `root`), read-only. RdfStoreMissing
    before any build."""
    path = path or current(root)
    if path is None:
        raise RdfStoreMissing("no RDF store yet: run `ukg build` to write one")
    try:
        return pyoxigraph.Store.read_only(str(path))
    except OSError as error:
        raise RdfStoreError(f"cannot open the RDF store {path}: {error}") from error
