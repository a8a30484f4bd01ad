"""Benchmark: extraction time on synthetic one-line inputs of growing size (linear growth wanted).

    python bench/extract_scaling.py [--sizes 0.5,1,2,5] [--stages]

Why: a PDF extraction can leave a whole issue on one line, with no paragraph break; then an
article is megabytes long and every per-cue scan over all the article's mentions turns
quadratic (a 5 MB line used to hang `ukg extract`). The input is built from invented sentences
(none from the corpus or the gold) that contain unions, carriers, persons, brands and practice
cues, repeated with varying numbers so names differ. Prints seconds per size and the ratio of
time to size; target: 5 MB < 30 s, roughly constant seconds per MB. The last line says whether
growth is linear: the exponent k of cpu time ~ size^k between the smallest and largest size
(CPU time, as a shared machine makes wall time noisy). `--stages` also times
normalise/segment/extract separately.
"""

from __future__ import annotations

import argparse
import hashlib
import math
import time

from graph_loader.extract import extract_article
from graph_loader.records import SourceDocument
from graph_loader.text.normalize import normalize
from graph_loader.text.segment import segment

# invented sentences: names are made up, cues are general vocabulary of the genre
_SENTENCES = (
    "青禾县总工会在云溪镇成立了云溪镇蓝湾园区联合工会{n}，并推出“暖蜂驿站{n}”服务品牌。",
    "园区工会牵头组建职工服务中心，还开展技能比武和劳动竞赛，{n}名职工参加。",
    "由青禾县总工会牵头，石桥街道总工会组织开展了职工互助保障活动；",
    "在县总工会的指导下，蓝湾物流有限公司工会{n}建立了爱心妈咪小屋、职工书屋。",
    "林秀芳任蓝湾园区联合工会主席，她说：“我们工会将继续推进集体协商。”",
    "下一步，镇总工会拟建设户外劳动者服务站点，计划开展困难职工帮扶。",
    "2021年，青禾县快递行业工会联合会成立，吸纳快递小哥{n}人入会。",
)


def synthetic_line(megabytes: float) -> str:
    """One line of about `megabytes` MB (UTF-8) of invented report sentences."""
    target = int(megabytes * 1_000_000)
    parts: list[str] = []
    size = 0
    n = 0
    while size < target:
        sentence = _SENTENCES[n % len(_SENTENCES)].format(n=n // len(_SENTENCES) % 97)
        parts.append(sentence)
        size += len(sentence.encode("utf-8"))
        n += 1
    return "".join(parts) + "\n"


def _document(text: str) -> SourceDocument:
    raw = text.encode("utf-8")
    return SourceDocument(id="synthetic", path="synthetic.txt", raw_text=text,
                          sha256=hashlib.sha256(raw).hexdigest(), encoding="utf-8")


def time_extraction(text: str) -> tuple[float, dict[str, float], int, float]:
    """Seconds for normalise + segment + extract of one document; per-stage seconds; relations;
    CPU seconds (steadier than wall time on a shared machine)."""
    stages: dict[str, float] = {}
    cpu = time.process_time()
    start = time.perf_counter()
    ndoc = normalize(_document(text))
    stages["normalize"] = time.perf_counter() - start
    mark = time.perf_counter()
    articles = segment(ndoc)
    stages["segment"] = time.perf_counter() - mark
    mark = time.perf_counter()
    relations = 0
    for article in articles:
        relations += len(extract_article(article, ndoc).relations)
    stages["extract"] = time.perf_counter() - mark
    return time.perf_counter() - start, stages, relations, time.process_time() - cpu


def growth(points: list[tuple[float, float]]) -> tuple[float, bool]:
    """The exponent k of time ~ size^k between the smallest and the largest size, and whether
    that is linear: k <= 1.2 (a quadratic scan shows k near 2 as soon as it dominates)."""
    (s0, t0), (s1, t1) = min(points), max(points)
    if s1 <= s0 or t0 <= 0:
        return 1.0, True
    k = math.log(t1 / t0) / math.log(s1 / s0)
    return k, k <= _LINEAR


_LINEAR = 1.2
_TARGET = (5.0, 30.0)  # 5 MB in under 30 s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="0.5,1,2,5", help="comma-separated sizes in MB")
    parser.add_argument("--stages", action="store_true", help="print per-stage seconds")
    args = parser.parse_args()
    time_extraction(synthetic_line(0.01))  # warm-up: lexicons and regexes are built once
    points: list[tuple[float, float]] = []
    for size in (float(s) for s in args.sizes.split(",")):
        seconds, stages, relations, cpu = time_extraction(synthetic_line(size))
        points.append((size, cpu))
        line = (f"{size:5.2f} MB  {seconds:7.2f} s  {seconds / size:6.2f} s/MB  (cpu {cpu:6.2f} s, "
                f"{cpu / size:5.2f} s/MB)  {relations} relations")
        if args.stages:
            line += "  " + "  ".join(f"{k}={v:.2f}" for k, v in stages.items())
        if size == _TARGET[0]:
            line += "  " + ("OK" if seconds < _TARGET[1] else "TOO SLOW") + f" (target < {_TARGET[1]:.0f} s)"
        print(line, flush=True)
    if len(points) > 1:
        k, linear = growth(points)
        per_mb = [t / s for s, t in points]
        print(f"growth: cpu time ~ size^{k:.2f}; cpu s/MB from {min(per_mb):.2f} to {max(per_mb):.2f} -> "
              + ("linear" if linear else f"NOT LINEAR (exponent > {_LINEAR})"))


if __name__ == "__main__":
    main()
