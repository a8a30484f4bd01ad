"""A temporary copy of the shared corpus for the upload tests, and the safety net that takes a failed
test's upload back out of the session graph.

Why a copy: the upload API writes into the folder the server builds from, and the shared corpus must
never change. A build of the copy finds the session graph's documents unchanged and loads only the
upload. Should a test fail between its upload and its delete, `restore` removes what the copy holds
beyond the shared corpus and builds once more, so the tests after it see the corpus graph.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from graph_loader.text.corpus_folder import CorpusFolder
from tests.support.paths import CORPUS
from ukg.build import build_for_jobs


def corpus_copy(folder: Path) -> Path:
    shutil.copytree(CORPUS, folder)
    return folder


def restore(folder: Path) -> list[str]:
    """Take out every document the shared corpus does not hold and rebuild if there was one; returns their ids."""
    shared = {path.name for path in CORPUS.iterdir()}
    copy = CorpusFolder(folder)
    extra = [doc.id for doc in copy.documents() if doc.file not in shared]
    for doc_id in extra:
        copy.remove(doc_id)
    if extra:
        build_for_jobs(folder, lambda percent, stage: None)
    return extra
