"""Benchmark: normalise and segment the whole corpus, best of N runs, one core.

Run: `.venv/bin/python bench/normalize_segment.py [CORPUS_DIR] [--runs N]`. Decoding is
done once outside the timed region (it is I/O); the figure is the text stages only, which
is what a re-run of the pipeline pays for every document. Target: < 1 s.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from graph_loader.settings import default_corpus_dir
from graph_loader.text.normalize import normalize
from graph_loader.text.segment import segment
from graph_loader.text.sources import load_corpus

TARGET_SECONDS = 1.0


def run_once(documents: list) -> tuple[float, int]:
    """Seconds to normalise and segment every document, and the article count."""
    started = time.perf_counter()
    articles = 0
    for document in documents:
        articles += len(segment(normalize(document)))
    return time.perf_counter() - started, articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=default_corpus_dir())
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    documents = load_corpus(args.corpus)
    chars = sum(len(d.raw_text) for d in documents)
    timings = []
    articles = 0
    for _ in range(max(1, args.runs)):
        seconds, articles = run_once(documents)
        timings.append(seconds)
    best = min(timings)
    verdict = "OK" if best < TARGET_SECONDS else "SLOW"
    print(
        f"normalize+segment: {len(documents)} documents, {chars} chars, {articles} articles: "
        f"best of {len(timings)} = {best:.3f} s ({verdict}, target < {TARGET_SECONDS:.0f} s)"
    )


if __name__ == "__main__":
    main()
