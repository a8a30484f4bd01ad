"""Region → region precedence inferred from adoption intervals, tested by a sign test.

Adoption times are intervals (analytics.intervals): A precedes B on a practice only when A's
latest possible date is before B's earliest; other pairs are *unknown* (or *tied*: both fixed
and equal) and count for neither side. A region's interval for a practice is built from its
organisations' intervals (the earliest of them).

An edge A → B has weight w(A→B) = the number of practices on which A's adoption is
established before B's between intervals bounded at both ends (analytics.order_test: an
order against an interval open at one end is *one-sided* and not evidence — the opposite
order could never have been seen). That is the raw material of diffusion-network inference
(NetInf, Gomez-Rodriguez et al. 2010; Desmarais, Harden & Boehmke 2015): a region that keeps
adopting after another may be following it. Each ordered pair with at least `min_weight`
counted orders is tested by the exact sign test — under the null each counted order is
A-first or B-first with probability 1/2 — and the p-values are adjusted for testing every
such pair (Benjamini-Hochberg); an edge is significant when its weight is at least
`min_weight` and its q-value at most `alpha`.

A chain A → B → C also makes A precede C, and a common source makes its followers' followers
look like followers. As NetInf explains each adoption by one likely source, the significant
edges are thinned in two steps before they are shown as *direct*:
1. relays — a practice of A → C is relayed when a region B with significant A → B and B → C
   adopted it established-after A and established-before C; A → C needs `min_weight`
   unrelayed practices;
2. cover — each region's adoptions are explained by as few sources as possible: the source
   that precedes most of its still-unexplained adoptions is taken first (ties: the shorter
   mean lag) and kept when it explains at least `min_weight` of them and the sign test on the
   practices no chosen source or relay explains is still significant (p ≤ alpha). That is
   NetInf's greedy edge choice under a step transmission model, the only one interval-level
   dates support.
`chance_edges` is how many edges the same procedure shows on data whose intervals were
shuffled among each practice's adopters (seeded, so reproducible): the false-edge rate to
expect on this data.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any, TypeVar

import networkx as nx

from analytics.adoptions import AdoptionEvent
from analytics.intervals import BEFORE, TIE, CoveredDocument, Interval, region_intervals, with_intervals
from analytics.order_test import (
    PairTally,
    benjamini_hochberg,
    pair_totals,
    sign_p_value,
    tally_pairs,
)

Adoptions = dict[str, dict[str, int]]  # practice -> region -> year
Intervals = dict[str, dict[str, Interval]]  # practice -> region -> when, as an interval
T = TypeVar("T")
Pair = tuple[str, str]
__all__ = ["PrecedenceEdge", "PrecedenceNetwork", "adoption_times", "benjamini_hochberg", "precedence_network",
           "shuffle_times"]


@dataclass(frozen=True)
class PrecedenceEdge:
    source: str
    target: str
    weight: int  # counted orders with the source first (both intervals bounded)
    shared: int  # practices both adopted (dated)
    practices: tuple[str, ...]  # those practices
    expected: float  # mean weight under the null: half the counted orders either way
    p_value: float  # exact sign-test p-value, P(Bin(weight + against, 1/2) >= weight)
    q_value: float  # Benjamini-Hochberg adjusted
    mean_lag: float  # mean years between the intervals' upper ends, over `practices`
    significant: bool
    direct: bool = False
    direct_weight: int = 0  # adoptions of the target this source explains in the cover (0: not direct)
    relayed_by: tuple[str, ...] = ()
    # how the practices both adopted order the pair: established (either way), unknown, tied;
    # `against` counted orders with the target first, `one_sided` established orders not counted
    established: int = 0
    unknown: int = 0
    tied: int = 0
    against: int = 0
    one_sided: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class PrecedenceNetwork:
    level: str
    alpha: float
    min_weight: int
    regions: list[str] = field(default_factory=list)
    adoptions: Adoptions = field(default_factory=dict)
    edges: list[PrecedenceEdge] = field(default_factory=list)  # every pair with an established order
    tested: int = 0
    chance_edges: float | None = None
    shuffles: int = 0
    seed: int | None = None
    intervals: Intervals = field(default_factory=dict)
    pairs: dict[str, int] = field(default_factory=dict)  # established / one_sided / unknown / tied overall

    @property
    def shown(self) -> list[PrecedenceEdge]:
        """Significant, direct edges: the network to draw."""
        return [e for e in self.edges if e.significant and e.direct]

    @property
    def significant(self) -> list[PrecedenceEdge]:
        return [e for e in self.edges if e.significant]

    def closest(self, limit: int = 5) -> list[PrecedenceEdge]:
        """The tested pairs nearest to significance (by q), significant or not."""
        tested = [e for e in self.edges if e.weight + e.against >= self.min_weight]
        return sorted(tested, key=_edge_order)[:limit]

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
            "pairs": {"established": 0, "one_sided": 0, "unknown": 0, "tied": 0, **self.pairs},
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


def _lag(a: Interval, b: Interval) -> int:
    """Years from A's latest possible year to B's (the intervals' upper ends)."""
    return (b.year or 0) - (a.year or 0)


def _edges(adoptions: Intervals, alpha: float, min_weight: int) -> tuple[list[PrecedenceEdge], int]:
    tallies = tally_pairs(adoptions)
    family = sorted(pair for pair, t in tallies.items() if t.counted >= min_weight)
    p_values = [sign_p_value(len(tallies[pair].wins), tallies[pair].counted) for pair in family]
    q_values = dict(zip(family, benjamini_hochberg(p_values), strict=True))
    p_by_pair = dict(zip(family, p_values, strict=True))
    edges = []
    for pair, tally in sorted(tallies.items()):
        a, b = pair
        if not tally.first:
            continue
        weight = len(tally.wins)
        q = q_values.get(pair, 1.0)
        lags = [_lag(adoptions[p][a], adoptions[p][b]) for p in tally.wins]
        edges.append(PrecedenceEdge(
            source=a, target=b, weight=weight, shared=tally.shared, practices=tuple(tally.wins),
            expected=tally.counted / 2, p_value=p_by_pair.get(pair, 1.0), q_value=q,
            mean_lag=round(sum(lags) / weight, 3) if weight else 0.0,
            significant=weight >= min_weight and q <= alpha, established=tally.established,
            unknown=tally.unknown, tied=tally.tied, against=len(tally.losses), one_sided=tally.one_sided,
        ))
    return _mark_direct(edges, adoptions, tallies, alpha, min_weight), len(family)


def _possibly_before(a: Interval, b: Interval) -> bool:
    """A may have come first: no established order or tie says otherwise."""
    return b.order(a) != BEFORE and a.order(b) != TIE


def _compatible(source: str, target: str, adoptions: Intervals) -> set[str]:
    """The target's practices the source adopted possibly before it: what it could explain."""
    return {p for p, times in adoptions.items()
            if source in times and target in times and _possibly_before(times[source], times[target])}


def _cover_gain(source: str, target: str, kept: list[str], adoptions: Intervals,
                done: set[str]) -> tuple[int, int, float, str]:
    """Sort key of a source in the cover: most unexplained adoptions it could explain (its
    adoption not established after the target's), then most it explains by established order,
    then the shorter lag. Counting only established orders would let a sibling of the true
    source win by chance: under interval dates half the true source's orders stay unknown."""
    could = _compatible(source, target, adoptions) - done
    new = [p for p in kept if p not in done]
    lag = sum(_lag(adoptions[p][source], adoptions[p][target]) for p in new) / len(new) if new else 99.0
    return (-len(could), -len(new), lag, source)


def _relays(sig: dict[Pair, PrecedenceEdge],
            adoptions: Intervals) -> tuple[dict[Pair, list[str]], dict[Pair, set[str]], dict[Pair, set[str]]]:
    """A practice of A → C is relayed when some B with significant A → B and B → C adopted it
    established-after A and established-before C: (kept practices, relayed ones, relaying regions)."""
    out_of: dict[str, set[str]] = defaultdict(set)
    for a, b in sig:
        out_of[a].add(b)
    kept: dict[tuple[str, str], list[str]] = {}
    relayed: dict[tuple[str, str], set[str]] = defaultdict(set)
    relayed_by: dict[tuple[str, str], set[str]] = defaultdict(set)
    for (a, c), e in sig.items():
        middles = [b for b in out_of[a] if (b, c) in sig]
        kept[(a, c)] = []
        for practice in e.practices:
            times = adoptions[practice]
            relays = [b for b in middles if b in times and _possibly_before(times[a], times[b])
                      and _possibly_before(times[b], times[c])]
            relayed_by[(a, c)].update(relays)
            if relays:
                relayed[(a, c)].add(practice)
            else:
                kept[(a, c)].append(practice)
    return kept, relayed, relayed_by


def _mark_direct(edges: list[PrecedenceEdge], adoptions: Intervals, tallies: Mapping[tuple[str, str], PairTally],
                 alpha: float, min_weight: int) -> list[PrecedenceEdge]:
    """Which significant edges are direct: relay pruning, then a greedy cover per target.

    The cover takes, per target, the source preceding most unexplained, unrelayed adoptions
    first (ties: shorter mean lag); it is kept when it explains at least min_weight of them and
    the sign test on the counted orders left (practices no chosen source or relay explains) is
    still significant (p <= alpha); else the next source is tried."""
    sig = {(e.source, e.target): e for e in edges if e.significant}
    kept, relayed, relayed_by = _relays(sig, adoptions)
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
            against = [p for p in tallies[pair].losses if p not in done and p not in relayed[pair]]
            if sign_p_value(len(new), len(new) + len(against)) > alpha:
                continue
            explained_by[pair] = len(new)
            done.update(_compatible(best, target, adoptions))
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
    from the events' own evidence (analytics.intervals.coverage_from_events). It bounds an
    organisation's adoptions from below; a region's interval comes from its organisations'."""
    dated_events = with_intervals(list(events), coverage)
    intervals = region_intervals(dated_events, level, region_coverage=False)
    edges, tested = _edges(intervals, alpha, min_weight)
    regions = sorted({r for times in intervals.values() for r in times})
    network = PrecedenceNetwork(level, alpha, min_weight, regions, adoption_times(dated_events, level), edges,
                                tested, shuffles=shuffles, seed=seed if shuffles else None, intervals=intervals,
                                pairs=pair_totals(tally_pairs(intervals)))
    if shuffles:
        rng = random.Random(seed)
        found = 0
        for _ in range(shuffles):
            null_edges, _ = _edges(shuffle_times(intervals, rng), alpha, min_weight)
            found += sum(1 for e in null_edges if e.significant and e.direct)
        network.chance_edges = round(found / shuffles, 3)
    return network
