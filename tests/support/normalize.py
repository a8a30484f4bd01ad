"""Helpers shared by the normalisation tests (test_normalize, test_normalize_documents)."""

from __future__ import annotations

import unicodedata

from graph_loader.records import SourceDocument
from graph_loader.text.normalize import normalize_text
from graph_loader.text.normalize.offsets import OffsetMap


def norm(raw: str) -> str:
    return normalize_text(raw)[0]


def doc(raw: str, doc_id: str = "t") -> SourceDocument:
    return SourceDocument(id=doc_id, path=f"{doc_id}.txt", raw_text=raw, sha256="", encoding="utf-8")


def assert_offsets_point_at_sources(raw: str, text: str, offsets: OffsetMap | list[int]) -> None:
    """Each normalised char comes from a raw char it equals (modulo width/space folding)."""
    assert len(offsets) == len(text) + 1
    assert offsets[-1] == len(raw)
    for index, char in enumerate(text):
        source = raw[offsets[index]]
        if char in " \n":
            continue
        assert char == source or char == unicodedata.normalize("NFKC", source), (index, char, source)


