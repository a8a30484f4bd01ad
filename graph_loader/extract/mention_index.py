"""A positional index over the mentions of one article: spans by bisect, names by dict.

Why: relation families ask, for every cue, "which organisations lie in [start, end)?",
"is this cue inside a name?" and "where else is this entity mentioned?". Scanning all the
article's mentions for each question is quadratic, and a PDF page run together on one line
makes an article megabytes long (a 5 MB line hung the extractor). Mentions sorted by start
answer the span questions with a bisect; a mention is at most a few dozen characters long,
so the mentions covering a span start within `longest` characters before it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict

from graph_loader.extract.base import Mention


class MentionIndex:
    """Mentions of one article sorted by start (built once; names are read at query time)."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.source = mentions
        self.size = len(mentions)
        self.sorted = sorted(mentions, key=lambda m: (m.start, m.end))
        self.starts = [m.start for m in self.sorted]
        self.longest = max((m.end - m.start for m in mentions), default=0)
        self._by_key: dict[tuple[str, str], list[Mention]] | None = None

    def starting_in(self, start: int, end: int, types: tuple[str, ...] | frozenset[str] | None = None
                    ) -> list[Mention]:
        """Mentions whose start lies in [start, end), in text order, of the given types."""
        lo, hi = bisect_left(self.starts, start), bisect_left(self.starts, end)
        found = self.sorted[lo:hi]
        return found if types is None else [m for m in found if m.type in types]

    def covering(self, start: int, end: int, types: tuple[str, ...] | frozenset[str] | None = None
                 ) -> list[Mention]:
        """Mentions whose span contains [start, end)."""
        lo = bisect_left(self.starts, start - self.longest)
        hi = bisect_right(self.starts, start)
        return [m for m in self.sorted[lo:hi] if m.end >= end and (types is None or m.type in types)]

    def same_entity(self, target: Mention) -> list[Mention]:
        """Kept mentions with the target's type and name, in text order (built on first use,
        i.e. after article resolution has set the names)."""
        if self._by_key is None:
            by_key: dict[tuple[str, str], list[Mention]] = defaultdict(list)
            for m in self.sorted:
                by_key[(m.type, m.name)].append(m)
            self._by_key = dict(by_key)
        return [m for m in self._by_key.get((target.type, target.name), []) if not m.drop]


_CACHE: list[MentionIndex] = []


def index_of(mentions: list[Mention]) -> MentionIndex:
    """The index of this mention list, reused while the same list is asked about (one article
    at a time; a list that grew is indexed again)."""
    for index in _CACHE:
        if index.source is mentions and index.size == len(mentions):
            return index
    index = MentionIndex(mentions)
    _CACHE.insert(0, index)
    del _CACHE[4:]
    return index


def orgs_in(mentions: list[Mention], start: int, end: int, types: tuple[str, ...]) -> list[Mention]:
    """Named, kept mentions of the given types that start in [start, end), in text order."""
    return [m for m in index_of(mentions).starting_in(start, end, types) if not m.drop and m.name]


def inside_name(mentions: list[Mention], start: int, end: int, types: tuple[str, ...]) -> bool:
    """Whether [start, end) lies inside a mention of the given types (a cue inside a name is part
    of that name); a bisect, not a scan — for rel_practices._masked and its kin."""
    return bool(index_of(mentions).covering(start, end, types))


def within(mentions: list[Mention], start: int, end: int, types: tuple[str, ...]) -> list[Mention]:
    """Mentions of the given types lying inside [start, end) (carriers nested in a union's name,
    persons inside an organisation's name), in text order; a bisect, not a scan."""
    return [m for m in index_of(mentions).starting_in(start, end, types) if m.end <= end]


def ending_in(mentions: list[Mention], start: int, end: int, types: tuple[str, ...]) -> list[Mention]:
    """Mentions of the given types whose end lies in [start, end] (the owner right before a brand)."""
    index = index_of(mentions)
    return [m for m in index.starting_in(start - index.longest, end, types) if start <= m.end <= end]
