"""Benchmark: whole-corpus extraction time (normalise + segment + extract + resolve), best of N.

    python bench/extract.py [CORPUS] [--repeat N]

Runs in one process on one core (the pipeline is single-threaded); prints the best wall time
and the number of articles, entities and relations. Target: < 3 s for the shared corpus.
"""

from __future__ import annotations

import argparse
import time

from graph_loader.pipeline import run_extraction
from graph_loader.settings import default_corpus_dir


def main() -> None:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("corpus", nargs="?", default=str(default_corpus_dir()))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    run_extraction(args.corpus)  # warm-up: lexicons, ontology and regexes are built once per process
    best = float("inf")
    result = None
    for _ in range(args.repeat):
        start = time.perf_counter()
        result = run_extraction(args.corpus)
        best = min(best, time.perf_counter() - start)
    assert result is not None
    print(f"extract: best of {args.repeat} = {best:.3f} s  ({len(result.articles)} articles, "
          f"{len(result.entities)} entities, {len(result.relations)} relations)")


if __name__ == "__main__":
    main()
