"""Does region A tend to adopt before region B? A sign test over the orders the texts establish.

For each practice both regions adopted, their intervals (analytics.intervals) give an
*established* order (one ends before the other begins), a *tie* or an *unknown* order. Only
established orders are evidence, and only some of them count: an order counts in the test
when both intervals are bounded on both sides — then the opposite order could have been
established by the same documents had it happened. An order against an open interval is
*one-sided*: a region whose adoptions are known only from above ("no later than the 2018
magazine") can precede others but never follow them, so counting it would turn publication
order back into diffusion. One-sided orders are reported, never tested.

The null hypothesis is the permutation null restricted to the pair: for each practice, A's
and B's intervals are exchangeable (no tendency for either to go first). Conditional on the
two intervals the pair received, each counted order is then A-first with probability 1/2,
independently across practices, so with n counted orders of which w are A-first the exact
p-value is the binomial tail P(Bin(n, 1/2) ≥ w) — the sign test; every one of the 2^n swaps
is equally likely, so no Monte-Carlo noise and no seed. Why not compare w with how often
*any* two adopters of the practice are ordered (the earlier null): under reporting lag most
established orders are long-range (the innovator before a far follower), so that base rate is
high and a one- or two-year hop never beats it, while the sign test asks only whether the
orders the texts do establish between A and B go one way. p-values are adjusted over every
ordered pair with at least `min_weight` counted orders (Benjamini-Hochberg, scipy); the filter
uses n only, which is independent of the direction under the null, so the adjustment stays
valid (independent filtering, Bourgon, Gentleman & Huber 2010).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from scipy.stats import binom, false_discovery_control

from analytics.intervals import BEFORE, TIE, Interval

ESTABLISHED, UNKNOWN, TIED, ONE_SIDED = "established", "unknown", "tied", "one_sided"


def bounded(interval: Interval) -> bool:
    """Both ends known: either order with another bounded interval could be established."""
    return interval.lo is not None and interval.hi is not None


@dataclass
class PairTally:
    """How the practices two regions both adopted order them, seen from the first region."""

    wins: list[str] = field(default_factory=list)  # counted orders, this region first
    losses: list[str] = field(default_factory=list)  # counted orders, the other region first
    shared: int = 0
    established: int = 0  # either way, counted or one-sided
    first: int = 0  # established with this region first, counted or one-sided
    unknown: int = 0
    tied: int = 0

    @property
    def one_sided(self) -> int:
        """Established orders that do not count (an interval open at one end)."""
        return self.established - len(self.wins) - len(self.losses)

    @property
    def counted(self) -> int:
        return len(self.wins) + len(self.losses)


def tally_pairs(intervals: Mapping[str, Mapping[str, Interval]]) -> dict[tuple[str, str], PairTally]:
    """(A, B) → how the practices both adopted order them (every ordered pair sharing one)."""
    out: dict[tuple[str, str], PairTally] = defaultdict(PairTally)
    for practice, times in sorted(intervals.items()):
        for a, ta in times.items():
            for b, tb in times.items():
                if a == b:
                    continue
                tally = out[(a, b)]
                tally.shared += 1
                order = ta.order(tb)
                if order == TIE:
                    tally.tied += 1
                elif order == BEFORE or tb.order(ta) == BEFORE:
                    tally.established += 1
                    tally.first += order == BEFORE
                    if bounded(ta) and bounded(tb):
                        (tally.wins if order == BEFORE else tally.losses).append(practice)
                else:
                    tally.unknown += 1
    return dict(out)


def sign_p_value(wins: int, counted: int) -> float:
    """P(Bin(counted, 1/2) ≥ wins): the exact p-value of `wins` A-first orders among `counted`."""
    if wins <= 0:
        return 1.0
    return float(binom.sf(wins - 1, counted, 0.5))


def benjamini_hochberg(p_values: Sequence[float]) -> list[float]:
    """Benjamini-Hochberg adjusted p-values (q-values), in the order given."""
    if not p_values:
        return []
    return [float(q) for q in false_discovery_control(list(p_values), method="bh")]


def pair_totals(tallies: Mapping[tuple[str, str], PairTally]) -> dict[str, int]:
    """Over unordered pairs and their shared practices: established (counted + one-sided), one-sided,
    unknown, tied — what the network says about how much of the data could be ordered at all."""
    totals = {ESTABLISHED: 0, ONE_SIDED: 0, UNKNOWN: 0, TIED: 0}
    for (a, b), tally in tallies.items():
        if a < b:
            totals[ESTABLISHED] += tally.established
            totals[ONE_SIDED] += tally.one_sided
            totals[UNKNOWN] += tally.unknown
            totals[TIED] += tally.tied
    return totals
