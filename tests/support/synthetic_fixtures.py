"""Fixtures of the synthetic diffusion world, shared by its unit and integration tests.

Registered as a plugin in tests/conftest.py, so both test modules get the same world, corpus
and extraction (each built once per module) without writing them twice.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analytics.adoptions import AdoptionEvent, SpreadClaim, claims_from_records, events_from_records
from graph_loader.pipeline import run_extraction
from tests.support.synthetic import SEED, SyntheticWorld, plan_world, write_corpus


@pytest.fixture(scope="module")
def world() -> SyntheticWorld:
    return plan_world(SEED)


@pytest.fixture(scope="module")
def corpus(world: SyntheticWorld, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("synthetic-corpus")
    write_corpus(world, folder)
    return folder


@pytest.fixture(scope="module")
def extracted(corpus: Path) -> tuple[list[AdoptionEvent], list[SpreadClaim]]:
    result = run_extraction(corpus)
    return (events_from_records(result.entities, result.relations),
            claims_from_records(result.entities, result.relations))
