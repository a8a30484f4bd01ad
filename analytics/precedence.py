"""Region → region precedence inferred from adoption times, tested against shuffled times.

Adoption times are intervals (analytics.intervals): A precedes B on a practice only when A's
latest possible date is before B's earliest; other pairs are *unknown* (or *tied*: both fixed
and equal) and count for neither side. Below, "year" reads "interval" and "later" reads
"established later"; the null shuffles each practice's intervals among its adopters.

For each practice, a region's adoption year is the earliest year any of its organisations
adopted it (events without a region or a year are left out). An edge A → B has weight
w(A→B) = the number of practices B adopted in a later year than A. That is the raw material
of diffusion-network inference (NetInf, Gomez-Rodriguez et al. 2010; Desmarais, Harden &
Boehmke 2015): a region that keeps adopting after another may be following it.

Chance alone orders regions too, so every edge is tested against the permutation null in
which each practice's adoption years are shuffled among the regions that adopted it (each
practice keeps its timeline and each region its set of practices; only who went first is
random). Under that null, for one practice with k adopting regions the chance that A precedes
B is q = (ordered pairs of adopters with strictly earlier/later years) / (k(k-1)), independent
across practices, so w(A→B) follows a Poisson-binomial law and its p-value P(W ≥ w) is
computed exactly — the limit of infinitely many shuffles, with no seed and no Monte-Carlo
noise. p-values are adjusted for testing every ordered pair (Benjamini-Hochberg), and an
edge is significant when its weight is at least `min_weight` and its q-value at most `alpha`.

A chain A → B → C also makes A precede C, and a common source makes its followers' followers
look like followers. As NetInf explains each adoption by one likely source, the significant
edges are thinned in two steps before they are shown as *direct*:
1. relays — a practice of A → C is relayed when a region B with significant A → B and B → C
   adopted it strictly between A and C; A → C needs `min_weight` unrelayed practices;
2. cover — each region's adoptions are explained by as few sources as possible: the source
   that precedes most of its still-unexplained adoptions is taken first (ties: the shorter
   mean lag, then the smaller p-value) and kept when it explains at least `min_weight` of
   them. That is NetInf's greedy edge choice under a step transmission model, the only one
   year-level dates support.
`chance_edges` is how many edges the same procedure shows on data whose adoption years were
shuffled (seeded, so reproducible): the false-edge rate to expect on this data.
"""

from __future__ import annotations

import random
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any, TypeVar

import networkx as nx

from analytics.adoptions import AdoptionEvent
from analytics.intervals import (
    AFTER,
    BEFORE,
    TIE,
    CoveredDocument,
    Interval,
    pair_counts,
    region_intervals,
    with_intervals,
)

Adoptions = dict[str, dict[str, int]]  # practice -> region -> year
Intervals = dict[str, dict[str, Interval]]  # practice -> region -> when, as an interval
T = TypeVar("T")


@dataclass(frozen=True)
class PrecedenceEdge:
    source: str
    target: str
    weight: int  # practices the target adopted in a later year than the source
    shared: int  # practices both adopted (dated)
    practices: tuple[str, ...]
    expected: float  # mean weight under shuffled adoption years
    p_value: float  # exact permutation p-value, P(W >= weight)
    q_value: float  # Benjamini-Hochberg adjusted
    mean_lag: float  # mean years from the source's adoption to the target's, over `practices`
    significant: bool
    direct: bool = False
    direct_weight: int = 0  # adoptions of the target this source explains in the cover (0: not direct)
    relayed_by: tuple[str, ...] = ()
    # how the practices both adopted order the pair: established (either way), unknown, tied
    established: int = 0
    unknown: int = 0
    tied: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class PrecedenceNetwork:
    level: str
    alpha: float
    min_weight: int
    regions: list[str] = field(default_factory=list)
    adoptions: Adoptions = field(default_factory=dict)
    edges: list[PrecedenceEdge] = field(default_factory=list)  # every pair with weight >= 1
    tested: int = 0
    chance_edges: float | None = None
    shuffles: int = 0
    seed: int | None = None
    intervals: Intervals = field(default_factory=dict)
    pairs: dict[str, int] = field(default_factory=dict)  # established / unknown / tied over all pairs

    @property
    def shown(self) -> list[PrecedenceEdge]:
        """Significant, direct edges: the network to draw."""
        return [e for e in self.edges if e.significant and e.direct]

    @property
    def significant(self) -> list[PrecedenceEdge]:
        return [e for e in self.edges if e.significant]

    def to_graph(self) -> nx.DiGraph:
        graph = nx.DiGraph()
        graph.add_nodes_from(self.regions)
        for e in self.shown:
            graph.add_edge(e.source, e.target, weight=e.weight, p_value=e.p_value, q_value=e.q_value,
                           practices=list(e.practices), mean_lag=e.mean_lag)
        return graph

    def to_dict(self, all_edges: bool = False) -> dict[str, Any]:
        edges = self.edges if all_edges else self.shown
        return {
            "level": self.level, "alpha": self.alpha, "min_weight": self.min_weight,
            "regions": self.regions, "tested_pairs": self.tested,
            "significant_edges": len(self.significant), "shown_edges": len(self.shown),
            "chance_edges": self.chance_edges, "shuffles": self.shuffles, "seed": self.seed,
            "pairs": {"established": 0, "unknown": 0, "tied": 0, **self.pairs},
            "edges": [e.to_dict() for e in sorted(edges, key=_edge_order)],
        }


def _edge_order(edge: PrecedenceEdge) -> tuple[float, int, str, str]:
    return (edge.q_value, -edge.weight, edge.source, edge.target)


def adoption_times(events: Iterable[AdoptionEvent], level: str = "city") -> Adoptions:
    """practice → region → earliest adoption year, from dated events with a region."""
    out: Adoptions = defaultdict(dict)
    for event in events:
        region = event.region(level)
        if not region or event.year is None:
            continue
        known = out[event.practice].get(region)
        if known is None or event.year < known:
            out[event.practice][region] = event.year
    return dict(out)


def _precede_share(years: list[int]) -> float:
    """Chance that one random adopter precedes another distinct random adopter (ties do not)."""
    k = len(years)
    ordered = sorted(years)
    earlier = sum(bisect_left(ordered, year) for year in ordered)  # adopters strictly before each one
    return earlier / (k * (k - 1))


def tail_probability(qs: list[float], observed: int) -> float:
    """P(sum of independent Bernoulli(q) >= observed) — the Poisson-binomial upper tail."""
    if observed <= 0:
        return 1.0
    dist = [1.0]
    for q in qs:
        nxt = [0.0] * (len(dist) + 1)
        for count, prob in enumerate(dist):
            nxt[count] += prob * (1.0 - q)
            nxt[count + 1] += prob * q
        dist = nxt
    return min(1.0, max(0.0, sum(dist[observed:])))


def benjamini_hochberg(p_values: list[float]) -> list[float]:
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    adjusted = [1.0] * m
    running = 1.0
    for rank in range(m, 0, -1):
        i = order[rank - 1]
        running = min(running, p_values[i] * m / rank)
        adjusted[i] = min(1.0, running)
    return adjusted


def _established_share(intervals: list[Interval]) -> float:
    """Chance that one random adopter's interval ends before another distinct one's begins."""
    k = len(intervals)
    before = sum(1 for a in intervals for b in intervals if a is not b and a.order(b) == BEFORE)
    return before / (k * (k - 1))


def _lag(a: Interval, b: Interval) -> int:
    """Years from A's latest possible year to B's (the intervals' upper ends)."""
    return (b.year or 0) - (a.year or 0)


def _edges(adoptions: Intervals, alpha: float, min_weight: int) -> tuple[list[PrecedenceEdge], int]:
    qs: dict[tuple[str, str], list[float]] = defaultdict(list)
    won: dict[tuple[str, str], list[str]] = defaultdict(list)
    lags: dict[tuple[str, str], list[int]] = defaultdict(list)
    orders: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: {"established": 0, "unknown": 0, "tied": 0})
    for practice, times in sorted(adoptions.items()):
        if len(times) < 2:
            continue
        q = _established_share(list(times.values()))
        for a, ta in times.items():
            for b, tb in times.items():
                if a == b:
                    continue
                qs[(a, b)].append(q)
                order = ta.order(tb)
                kind = "established" if order in (BEFORE, AFTER) else "tied" if order == TIE else "unknown"
                orders[(a, b)][kind] += 1
                if order == BEFORE:
                    won[(a, b)].append(practice)
                    lags[(a, b)].append(_lag(ta, tb))
    family = sorted(pair for pair, q in qs.items() if len(q) >= min_weight)
    p_values = [tail_probability(qs[pair], len(won.get(pair, []))) for pair in family]
    q_values = dict(zip(family, benjamini_hochberg(p_values), strict=True)) if family else {}
    p_by_pair = dict(zip(family, p_values, strict=True))
    edges = []
    for pair, practices in won.items():
        weight = len(practices)
        p = p_by_pair.get(pair, 1.0)
        q = q_values.get(pair, 1.0)
        edges.append(PrecedenceEdge(
            source=pair[0], target=pair[1], weight=weight, shared=len(qs[pair]), practices=tuple(practices),
            expected=round(sum(qs[pair]), 4), p_value=p, q_value=q,
            mean_lag=round(sum(lags[pair]) / weight, 3), significant=weight >= min_weight and q <= alpha,
            **orders[pair],
        ))
    return _mark_direct(edges, adoptions, alpha, min_weight), len(family)


def _cover_gain(source: str, target: str, kept: list[str], adoptions: Intervals,
                done: set[str]) -> tuple[int, float, str]:
    """Sort key of a source in the cover: most new adoptions explained, then the shorter lag."""
    new = [p for p in kept if p not in done]
    lag = sum(_lag(adoptions[p][source], adoptions[p][target]) for p in new) / len(new) if new else 99.0
    return (-len(new), lag, source)


def _mark_direct(edges: list[PrecedenceEdge], adoptions: Intervals, alpha: float,
                 min_weight: int) -> list[PrecedenceEdge]:
    """Which significant edges are direct: relay pruning, then a greedy cover per target."""
    sig = {(e.source, e.target): e for e in edges if e.significant}
    out_of: dict[str, set[str]] = defaultdict(set)
    for a, b in sig:
        out_of[a].add(b)
    # 1. relays: a practice of A → C is relayed when some B with significant A → B and B → C
    #    adopted it established-after A and established-before C.
    kept: dict[tuple[str, str], list[str]] = {}
    relayed: dict[tuple[str, str], set[str]] = defaultdict(set)
    relayed_by: dict[tuple[str, str], set[str]] = defaultdict(set)
    for (a, c), e in sig.items():
        middles = [b for b in out_of[a] if (b, c) in sig]
        kept[(a, c)] = []
        for practice in e.practices:
            times = adoptions[practice]
            relays = [b for b in middles if b in times and times[a].order(times[b]) == BEFORE
                      and times[b].order(times[c]) == BEFORE]
            relayed_by[(a, c)].update(relays)
            if relays:
                relayed[(a, c)].add(practice)
            else:
                kept[(a, c)].append(practice)
    # 2. cover: each target's adoptions are explained by as few sources as possible (NetInf's
    #    greedy choice under a step transmission model): the source preceding most unexplained,
    #    unrelayed adoptions first (ties: shorter mean lag). It is kept when it explains at
    #    least min_weight of them and that is still significant (p <= alpha) on the practices
    #    both adopted that no chosen source or relay explains; else the next source is tried.
    share = {practice: _established_share(list(times.values())) for practice, times in adoptions.items()
             if len(times) > 1}
    explained_by: dict[tuple[str, str], int] = {}
    by_target: dict[str, list[str]] = defaultdict(list)
    for (a, c), practices in kept.items():
        if len(practices) >= min_weight:
            by_target[c].append(a)
    for target, sources in by_target.items():
        done: set[str] = set()
        remaining = list(sources)
        while remaining:
            best = min(remaining,
                       key=lambda src: _cover_gain(src, target, kept[(src, target)], adoptions, done))
            remaining.remove(best)
            new = [p for p in kept[(best, target)] if p not in done]
            if len(new) < min_weight:
                break
            pair = (best, target)
            residual = [share[p] for p, times in adoptions.items()
                        if best in times and target in times and p not in done and p not in relayed[pair]]
            if tail_probability(residual, len(new)) > alpha:
                continue
            explained_by[pair] = len(new)
            done.update(new)
    marked = []
    for e in edges:
        pair = (e.source, e.target)
        if pair not in sig:
            marked.append(e)
            continue
        marked.append(replace(e, direct=pair in explained_by, direct_weight=explained_by.get(pair, 0),
                              relayed_by=tuple(sorted(relayed_by[pair]))))
    return marked


def shuffle_times(adoptions: Mapping[str, Mapping[str, T]], rng: random.Random) -> dict[str, dict[str, T]]:
    """The null model: each practice's adoption times (intervals) reassigned at random among its adopters."""
    out: dict[str, dict[str, T]] = {}
    for practice in sorted(adoptions):
        regions = sorted(adoptions[practice])
        years = [adoptions[practice][r] for r in regions]
        rng.shuffle(years)
        out[practice] = dict(zip(regions, years, strict=True))
    return out


def precedence_network(events: Iterable[AdoptionEvent], level: str = "city", alpha: float = 0.05,
                       min_weight: int = 2, shuffles: int = 20, seed: int = 20100725,
                       coverage: Sequence[CoveredDocument] | None = None) -> PrecedenceNetwork:
    """The precedence network among cities or counties (see the module docstring).

    `coverage` is the table of what each dated document reports on; by default it is derived
    from the events' own evidence (analytics.intervals.coverage_from_events)."""
    dated_events = with_intervals(list(events), coverage)
    intervals = region_intervals(dated_events, level, coverage)
    edges, tested = _edges(intervals, alpha, min_weight)
    regions = sorted({r for times in intervals.values() for r in times})
    network = PrecedenceNetwork(level, alpha, min_weight, regions, adoption_times(dated_events, level), edges,
                                tested, shuffles=shuffles, seed=seed if shuffles else None, intervals=intervals,
                                pairs=pair_counts(intervals))
    if shuffles:
        rng = random.Random(seed)
        found = 0
        for _ in range(shuffles):
            null_edges, _ = _edges(shuffle_times(intervals, rng), alpha, min_weight)
            found += sum(1 for e in null_edges if e.significant and e.direct)
        network.chance_edges = round(found / shuffles, 3)
    return network
