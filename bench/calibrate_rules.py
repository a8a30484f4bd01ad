"""Measure each extraction rule's precision on the dev gold; optionally write it as its confidence.

    python bench/calibrate_rules.py            # print rule, edges, right, precision, confidence
    python bench/calibrate_rules.py --write    # also write graph_loader/reference/data/rules.yaml

Why: every extracted relation names the rule that found it, and researchers review the least
certain edges first, so a rule's confidence should be how often its edges are right. The
precision is measured with the scorer's own matching (../shared/tools/score.py) on every
document the dev gold annotates, and smoothed towards the overall precision (a rule seen on
three edges says little): confidence = (right + M·overall) / (edges + M). Relation types the
gold does not score keep the file's default.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections import Counter
from pathlib import Path

import yaml

from graph_loader.pipeline import run_extraction
from graph_loader.reference.lexicon import DATA_DIR
from ukg.commands.extract import record_json

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SMOOTHING = 5  # pseudo-edges at the overall precision


def _scorer():
    spec = importlib.util.spec_from_file_location("score", SHARED / "tools" / "score.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def measure() -> tuple[Counter, Counter]:
    """(edges per rule, right edges per rule) over the documents the dev gold annotates."""
    score = _scorer()
    gold = score.load([r for f in score.gold_files([str(SHARED / "gold" / "dev")]) for r in score.read_jsonl(f)])
    result = run_extraction([SHARED / "corpus", SHARED / "gold" / "texts"])
    records = [record_json(ex) for ex in result.extractions]
    system = score.load(records, set(gold))
    edges, right = Counter(), Counter()
    for doc_id, gdoc in gold.items():
        index = gdoc.alias_index()

        def key(relation: dict, index: dict = index) -> tuple[str, str, str]:
            return (relation.get("type"), score.resolve(relation.get("head", ""), index),
                    score.resolve(relation.get("tail", ""), index))

        gold_keys = {key(r) for r in gdoc.raw_relations}
        seen: set[tuple[str, str, str, str]] = set()
        for relation in system.get(doc_id, score.Doc()).raw_relations:
            if relation.get("type") not in score.RELATION_TYPES or not relation.get("rule"):
                continue
            k = key(relation)
            if (*k, relation["rule"]) in seen:  # one edge reported by several articles counts once
                continue
            seen.add((*k, relation["rule"]))
            edges[relation["rule"]] += 1
            right[relation["rule"]] += k in gold_keys
    return edges, right


def confidences(edges: Counter, right: Counter) -> tuple[float, dict[str, float]]:
    overall = sum(right.values()) / max(1, sum(edges.values()))
    return overall, {
        rule: round((right[rule] + SMOOTHING * overall) / (edges[rule] + SMOOTHING), 2) for rule in sorted(edges)
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true", help="write the confidences to reference/data/rules.yaml")
    args = parser.parse_args()
    if not (SHARED / "gold" / "dev").is_dir():
        print(f"no dev gold at {SHARED / 'gold' / 'dev'}", file=sys.stderr)
        return 1
    edges, right = measure()
    overall, table = confidences(edges, right)
    print(f"{'rule':40} {'edges':>6} {'right':>6} {'precision':>9} {'confidence':>10}")
    for rule in sorted(table, key=lambda r: table[r]):
        print(f"{rule:40} {edges[rule]:6d} {right[rule]:6d} {right[rule] / edges[rule]:9.2f} {table[rule]:10.2f}")
    print(f"overall precision {overall:.2f}")
    if args.write:
        path = DATA_DIR / "rules.yaml"
        # keep the file's leading comment only: the data below it is replaced, never appended to
        lines = path.read_text(encoding="utf-8").splitlines()
        head = "\n".join(line for line in lines[:next((i for i, x in enumerate(lines) if not x.startswith("#")),
                                                       len(lines))])
        body = yaml.safe_dump({"default": round(overall, 2), "confidence": table}, allow_unicode=True, sort_keys=True)
        path.write_text(f"{head}\n{body}", encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
