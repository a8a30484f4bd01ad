"""The one place tests find ../shared: the corpus, the dev gold and the gold's own texts.

Why one module: tests used two corpus roots (the settings' default and a path of their own);
the gold now annotates documents in two folders (the corpus and `gold/texts`), and a test that
maps a gold record to its text must look in both.
"""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[3] / "shared"
CORPUS = SHARED / "corpus"
GOLD = SHARED / "gold" / "dev"
GOLD_TEXTS = SHARED / "gold" / "texts"  # invented development documents; never loaded into the graph

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not available")


def document_path(doc_id: str) -> Path:
    """The text of a document the gold annotates: a corpus file, else a gold development text."""
    path = CORPUS / f"{doc_id}.txt"
    return path if path.is_file() else GOLD_TEXTS / f"{doc_id}.txt"
