"""Normalisation of whole documents: the offset map, idempotence, properties and scale.

Why apart from the rule tests: these run every rule together on corpus files and on generated
damage, and check what the later stages rely on (offsets into the raw file, a fixed point).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph_loader.text.normalize import normalize, normalize_text
from graph_loader.text.normalize.offsets import OffsetMap
from graph_loader.text.segment import segment
from graph_loader.text.sources import load_document
from tests.support.normalize import assert_offsets_point_at_sources, doc, norm
from tests.support.paths import CORPUS, needs_corpus

# --------------------------------------------------------------------------- whole documents


@needs_corpus
@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.txt")) if CORPUS.is_dir() else [])
def test_corpus_offsets_and_idempotence(name: str) -> None:
    source = load_document(CORPUS / name)
    document = normalize(source)
    assert_offsets_point_at_sources(source.raw_text, document.text, document.offsets)
    offsets = list(document.offsets)
    assert offsets == sorted(offsets)
    assert normalize(doc(document.text)).text == document.text
    assert "**" not in document.text and "^[" not in document.text and "■" not in document.text


def test_raw_span_maps_back_to_the_original() -> None:
    raw = "周周 静静 阮向民阮向民\n 2019 年底，浙江省海港集团工会、\n宁波舟山港集团工会与曹妃甸港集团工会。"
    document = normalize(doc(raw))
    assert (
        document.text == "周静 阮向民\n2019年底，浙江省海港集团工会、宁波舟山港集团工会与曹妃甸港集团工会。"
    )
    start = document.text.index("浙江省")
    end = document.text.index("宁波") + len("宁波")
    raw_start, raw_end = document.raw_span(start, end)
    assert raw[raw_start:raw_end] == "浙江省海港集团工会、\n宁波"


def test_offset_map_behaves_like_a_tuple() -> None:
    document = normalize(doc("强基固本强基固本"))
    assert document.offsets == (0, 1, 2, 3, 8)
    assert tuple(document.offsets) == (0, 1, 2, 3, 8)
    assert document.offsets[1:3] == [1, 2]
    assert hash(document.offsets) == hash(OffsetMap([0, 1, 2, 3, 8]))


def test_empty_document() -> None:
    document = normalize(doc(""))
    assert document.text == "" and tuple(document.offsets) == (0,)
    assert segment(document) == []


# --------------------------------------------------------------------------- properties

# Characters the corpus damage is made of: CJK, Chinese and ASCII punctuation, digits,
# full-width digits, spaces, tabs, newlines, mark fragments and the replacement char.
_CJK = "工会职工小镇杭州宁波服务建设改革创新强基固本变革重塑周静阮向民天人常年月日"
_DIRTY = st.text(
    alphabet=st.sampled_from(
        list(_CJK + "，。、：；“”（）《》,.()0123456789０１２ ABCab\t\u3000\n\n*^[]■□I\ufffd\r")
    ),
    max_size=200,
)
_SENTENCE = st.text(alphabet=st.sampled_from(list(_CJK + "，、")), min_size=1, max_size=30).map(
    lambda body: "甲" + body.replace("，，", "，") + "。"
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_DIRTY)
def test_offsets_stay_inside_the_raw_file_and_never_go_back(raw: str) -> None:
    text, offsets, _ = normalize_text(raw)
    assert len(offsets) == len(text) + 1
    assert offsets[-1] == len(raw)
    assert all(0 <= value <= len(raw) for value in offsets)
    assert all(a <= b for a, b in zip(offsets, offsets[1:], strict=False))
    if text:
        assert all(value < len(raw) for value in offsets[:-1])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_DIRTY)
def test_normalising_twice_changes_nothing_more(raw: str) -> None:
    once = norm(raw)
    assert norm(once) == once


@settings(max_examples=200, deadline=None)
@given(st.lists(_SENTENCE, min_size=1, max_size=8, unique=True))
def test_clean_text_is_left_alone(sentences: list[str]) -> None:
    clean = "\n".join(sentences)
    text, offsets, flags = normalize_text(clean)
    assert text == clean
    assert list(offsets) == list(range(len(clean) + 1))
    assert flags == []


# --------------------------------------------------------------------------- scale


@needs_corpus
def test_fifty_megabyte_file_is_processed(tmp_path: Path) -> None:
    corpus_bytes = b"\n\n".join(p.read_bytes() for p in sorted(CORPUS.glob("*.txt")))
    target = 50 * 1024 * 1024
    path = tmp_path / "big.txt"
    with path.open("wb") as handle:
        written = 0
        while written < target:
            handle.write(corpus_bytes)
            written += len(corpus_bytes)
    started = time.perf_counter()
    source = load_document(path, {})
    document = normalize(source)
    articles = segment(document)
    elapsed = time.perf_counter() - started
    assert len(document.offsets) == len(document.text) + 1
    assert document.offsets[-1] == len(source.raw_text)
    assert len(articles) > 100
    assert elapsed < 60, f"50 MB took {elapsed:.1f} s"
