"""Snapshot the JSON answer of every request in `bench/api.py`, or compare against a snapshot.

    python bench/api_snapshot.py --url http://127.0.0.1:8000 --out before.json
    python bench/api_snapshot.py --url http://127.0.0.1:8000 --compare before.json

Why: a restructuring that claims "behaviour unchanged" must show the API answers the same JSON
before and after, request by request, on the same graph. Exit status 1 lists the requests
whose answers differ.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

import httpx


def _requests() -> dict[str, tuple[str, dict[str, str]]]:
    """The benchmark's request mix, loaded from bench/api.py by path (its name shadows the `api` package)."""
    spec = importlib.util.spec_from_file_location("bench_api", Path(__file__).with_name("api.py"))
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module.REQUESTS


# Readers beyond the load mix whose answers a restructuring must also keep: diffusion (analytics
# over evidence dates), a view's JSON and the named-query catalogue.
EXTRA: dict[str, tuple[str, dict[str, str]]] = {
    "diffusion network": ("/diffusion/network", {}),
    "diffusion events": ("/diffusion/events", {}),
    "diffusion practice": ("/diffusion/practices/craftsman-school", {}),
    "diffusion region": ("/diffusion/regions/湖州市", {}),
    "view practice": ("/views/practice/craftsman-school", {"format": "json"}),
    "view region": ("/views/region/湖州市", {"format": "json"}),
    "queries": ("/queries", {}),
    "organizations (year)": ("/organizations", {"year_from": "2019", "limit": "50"}),
}


def snapshot(url: str) -> dict[str, object]:
    answers: dict[str, object] = {}
    with httpx.Client(base_url=url, timeout=60) as client:
        for name, (path, params) in {**_requests(), **EXTRA}.items():
            response = client.get(path, params=params)
            answers[name] = {"status": response.status_code, "json": response.json()}
    return answers


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--out", type=Path, help="write the snapshot here")
    group.add_argument("--compare", type=Path, help="compare the live answers with this snapshot")
    args = parser.parse_args()
    answers = snapshot(args.url)
    if args.out:
        args.out.write_text(json.dumps(answers, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
        print(f"{len(answers)} answers written to {args.out}")
        return 0
    before = json.loads(args.compare.read_text(encoding="utf-8"))
    differing = [name for name in sorted(set(before) | set(answers)) if before.get(name) != answers.get(name)]
    for name in differing:
        print(f"differs: {name}")
    print(f"{len(answers) - len(differing)} of {len(answers)} answers identical")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
