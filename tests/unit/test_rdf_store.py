"""graph_loader.rdf_store: the store a build writes for /sparql — built aside, switched to atomically,
reused when the graph did not change, added to when the build added to Neo4j."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest
from rdflib import RDF, Graph, URIRef

from graph_loader import rdf_store
from graph_loader.records import ResolvedGraph, SourceDocument

ASK_DOC = "ASK {{ ?d <https://w3id.org/ukg/vocab#id> {id!r} }}"


def graph(*doc_ids: str) -> ResolvedGraph:
    documents = tuple(SourceDocument(doc_id, f"{doc_id}.txt", "", f"sha-{doc_id}", "utf-8") for doc_id in doc_ids)
    return ResolvedGraph(documents, (), (), ())


def has_document(path: Path, doc_id: str) -> bool:
    return bool(pyoxigraph.Store.read_only(str(path)).query(ASK_DOC.format(id=doc_id).replace("'", '"')))


def test_write_publishes_the_graph_with_the_vocabulary(tmp_path: Path) -> None:
    report = rdf_store.write(graph("a"), tmp_path)
    assert rdf_store.current(tmp_path) == report.path and not report.reused
    assert has_document(report.path, "a")
    store = rdf_store.open_read_only(report.path)
    assert len(store) == report.triples
    # the OWL vocabulary is there, so class hierarchy questions work as Neo4j labels do
    assert store.query(
        "ASK { <https://w3id.org/ukg/vocab#UnionOrganization> "
        "<http://www.w3.org/2000/01/rdf-schema#subClassOf> <https://w3id.org/ukg/vocab#Organization> }"
    )
    assert not [entry.name for entry in tmp_path.iterdir() if entry.name.startswith(("tmp-", ".current"))]


def test_an_unchanged_graph_reuses_the_store(tmp_path: Path) -> None:
    first = rdf_store.write(graph("a"), tmp_path)
    again = rdf_store.write(graph("a"), tmp_path)
    assert again.reused and again.path == first.path and again.triples == first.triples


def test_a_new_graph_replaces_the_store_and_the_previous_one_is_kept_once(tmp_path: Path) -> None:
    first = rdf_store.write(graph("a"), tmp_path)
    second = rdf_store.write(graph("b"), tmp_path)
    assert rdf_store.current(tmp_path) == second.path
    assert has_document(second.path, "b") and not has_document(second.path, "a")
    assert first.path.is_dir()  # a reader may still have it open for a second
    third = rdf_store.write(graph("c"), tmp_path)
    assert not first.path.exists() and second.path.is_dir() and rdf_store.current(tmp_path) == third.path


def test_add_keeps_the_previous_graph(tmp_path: Path) -> None:
    rdf_store.write(graph("a"), tmp_path)
    added = rdf_store.write(graph("b"), tmp_path, add=True)
    assert has_document(added.path, "a") and has_document(added.path, "b")


def test_extra_triples_are_stored_and_part_of_the_fingerprint(tmp_path: Path) -> None:
    extra = Graph()
    extra.add((URIRef("https://w3id.org/ukg/id/correction/1"), RDF.type, URIRef("http://www.w3.org/ns/prov#Activity")))
    plain = rdf_store.write(graph("a"), tmp_path)
    with_extra = rdf_store.write(graph("a"), tmp_path, extra=extra)
    assert with_extra.path != plain.path and with_extra.triples == plain.triples + 1


def test_a_killed_builds_leftovers_are_removed(tmp_path: Path) -> None:
    leftover = tmp_path / "tmp-999999999-dead"
    leftover.mkdir(parents=True)
    rdf_store.write(graph("a"), tmp_path)
    assert not leftover.exists()


def test_no_store_before_the_first_build(tmp_path: Path) -> None:
    assert rdf_store.current(tmp_path) is None
    with pytest.raises(rdf_store.RdfStoreMissing, match="ukg build"):
        rdf_store.open_read_only(root=tmp_path)


def test_a_failed_write_serves_no_stale_graph(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rdf_store.write(graph("a"), tmp_path)

    def no_space(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(rdf_store, "_build", no_space)
    with pytest.raises(rdf_store.RdfStoreError, match="No space left"):
        rdf_store.write(graph("b"), tmp_path)
    assert rdf_store.current(tmp_path) is None
