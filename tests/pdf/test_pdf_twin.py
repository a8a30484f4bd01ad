"""A generated two-column PDF with fake-bold headings against its plain-text twin (issue 17's
acceptance): the same entities and relations, and evidence that knows its page.

Both go through `run_extraction` as `ukg extract` / `ukg build` run it (no Neo4j needed: the writer
stores what the records carry, tested in tests/unit/test_pdf_layout.py). The twin is the text the
PDF was printed from, as a .txt with a manifest entry giving the same date.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from graph_loader.pipeline import PipelineResult, run_extraction
from graph_loader.records import ConceptRef
from tests.support.pdfgen import page_texts, write_manifest, write_twin


def _facts(result: PipelineResult) -> tuple[set[tuple[str, str]], set[tuple[str, str, str]]]:
    entities = {(entity.type, entity.name) for entity in result.entities}
    relations = {(relation.type, relation.head.label, relation.tail.label) for relation in result.relations}
    return entities, relations


@pytest.fixture(scope="module")
def both(pdfs, tmp_path_factory: pytest.TempPathFactory) -> tuple[PipelineResult, PipelineResult]:
    pdf_folder = tmp_path_factory.mktemp("pdf-corpus")
    shutil.copy(pdfs.twin, pdf_folder / "twin.pdf")
    write_manifest(pdf_folder, "twin", "twin.pdf")
    text_folder = tmp_path_factory.mktemp("text-corpus")
    write_twin(text_folder, "twin")
    return run_extraction(pdf_folder), run_extraction(text_folder)


def test_the_pdf_builds_into_the_same_entities_and_relations_as_its_twin(both) -> None:
    from_pdf, from_text = both
    entities, relations = _facts(from_pdf)
    assert (entities, relations) == _facts(from_text)
    # and the twin says something: a joint union founded, a 工匠学堂, a chair named
    assert ("Person", "沈建明") in entities
    assert any(r.type == "ADOPTS" and r.tail == ConceptRef("practice", "craftsman-school") for r in from_pdf.relations)
    assert any(kind == "HOLDS_POSITION" and head == "王丽萍" for kind, head, _ in relations)


def test_evidence_carries_the_page_it_is_printed_on(both, pdfs) -> None:
    from_pdf, from_text = both
    pages = page_texts(pdfs.twin)  # pdfplumber's own reading of each page
    evidence = [ev for item in (*from_pdf.entities, *from_pdf.relations) for ev in item.evidence]
    assert {ev.page for ev in evidence} == {1, 2}
    for ev in evidence:
        start = re.sub(r"\s+", "", ev.quote)[:8]
        assert start in pages[ev.page - 1], (ev.page, ev.quote)
    assert {ev.page for item in (*from_text.entities, *from_text.relations) for ev in item.evidence} == {None}


def test_a_pdf_beside_its_own_txt_is_read_once(pdfs, tmp_path: Path) -> None:
    write_twin(tmp_path, "twin")
    shutil.copy(pdfs.twin, tmp_path / "twin.pdf")
    result = run_extraction(tmp_path)
    assert [(d.id, d.encoding) for d in result.documents] == [("twin", "utf-8")]
