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
from graph_loader.reference.lexicon import UNION


class MentionIndex:
    """Mentions of one article sorted by start (built once; names are read at query time)."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.source = mentions
        self.size = len(mentions)
        self.sorted = sorted(mentions, key=lambda m: (m.start, m.end))
        self.starts = [m.start for m in self.sorted]
        self.longest = max((m.end - m.start for m in mentions), default=0)
        self._by_key: dict[tuple[str, str], list[Mention]] | None = None
        self._kept: dict[tuple[str, str], list[Mention]] = {}  # same_entity's answers (do not mutate)
        self._position: dict[int, int] | None = None
        self._with_key: dict[tuple[str, str], list[Mention]] | None = None
        self.lists: dict[tuple[str, ...], list[Mention]] = {}  # per-article lists (mention_index.live)

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
        key = (target.type, target.name)
        if key not in self._kept:  # filtered once per entity: callers ask once per brand or cue
            self._kept[key] = [m for m in self._by_key.get(key, []) if not m.drop]
        return self._kept[key]

    def position(self, m: Mention) -> int:
        """The mention's index in the source list: where the source order broke ties (the first
        of equals wins), a query answered in text order is put back in source order."""
        if self._position is None:
            self._position = {id(x): i for i, x in enumerate(self.source)}
        return self._position[id(m)]

    def in_source_order(self, found: list[Mention]) -> list[Mention]:
        """`found` (mentions of this index) in the order of the source list."""
        return sorted(found, key=self.position)

    def with_key(self, key: tuple[str, str]) -> list[Mention]:
        """Mentions whose `key` (type, name or surface) is `key`, in source order, dropped ones
        included (built on first use, i.e. after article resolution has set the names)."""
        if self._with_key is None:
            table: dict[tuple[str, str], list[Mention]] = defaultdict(list)
            for m in self.source:
                table[m.key].append(m)
            self._with_key = dict(table)
        return self._with_key.get(key, [])

_CACHE: list[MentionIndex] = []


def index_of(mentions: list[Mention]) -> MentionIndex:
    """The index of this mention list, reused while the same list is asked about (one article
    at a time; a list that grew is indexed again)."""
    if _CACHE and _CACHE[0].source is mentions and _CACHE[0].size == len(mentions):
        return _CACHE[0]  # the usual case: the article being extracted
    for index in _CACHE:
        if index.source is mentions and index.size == len(mentions):
            return index
    index = MentionIndex(mentions)
    _CACHE.insert(0, index)
    del _CACHE[4:]
    return index


def first_disjoint(mentions: list[Mention]) -> list[Mention]:
    """Each mention that overlaps none kept before it, in order — as `if not any(overlap with
    kept)` would keep them, with a map of the characters kept instead of a scan of the kept."""
    taken = bytearray(max((m.end for m in mentions), default=0) + 1)
    kept: list[Mention] = []
    for m in mentions:
        if not (m.start < m.end and 1 in taken[m.start:m.end]):
            taken[m.start:m.end] = b"\x01" * (m.end - m.start)
            kept.append(m)
    return kept


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


class _LastBefore:
    """Members by end offset: the one ending last at or before a position (the first in list
    order among those ending there, as `max(..., key=end)` picks)."""

    def __init__(self, members: list[Mention]) -> None:
        first: dict[int, Mention] = {}
        for m in members:
            first.setdefault(m.end, m)
        self.ends = sorted(first)
        self.first = first

    def last(self, pos: int) -> Mention | None:
        k = bisect_right(self.ends, pos)
        return self.first[self.ends[k - 1]] if k else None


class OrgLookup:
    """What short references (联合会, 总工会, 楼宇工会) ask of an article's list of organisations,
    answered from tables built once per list instead of a scan of the list per reference:
    the names, the unions by name, the bodies whose name ends or contains a word, the last
    body before a position."""

    def __init__(self, orgs: list[Mention]) -> None:
        self.source, self.size = orgs, len(orgs)
        self.names = {o.name for o in orgs}
        self.unions = {o.name: o for o in orgs if o.type == UNION}
        self.all = _LastBefore(orgs)
        self._ending: dict[str, tuple[list[Mention], _LastBefore, int]] = {}
        self._containing: dict[str, list[Mention]] = {}

    def ending(self, ref: str) -> tuple[list[Mention], _LastBefore, int]:
        """Bodies whose name ends with `ref` (and is not just `ref`), in list order; the same by
        end; how many distinct names they have."""
        if ref not in self._ending:
            named = [o for o in self.source if o.name.endswith(ref) and o.name != ref]
            self._ending[ref] = (named, _LastBefore(named), len({o.name for o in named}))
        return self._ending[ref]

    def unions_containing(self, ref: str) -> list[Mention]:
        """Unions (one per name) whose name contains `ref` and is not just `ref`."""
        if ref not in self._containing:
            self._containing[ref] = [o for o in self.unions.values() if ref in o.name and o.name != ref]
        return self._containing[ref]


_LOOKUPS: list[OrgLookup] = []


def lookup_of(orgs: list[Mention]) -> OrgLookup:
    """The lookup of this organisation list (one article at a time; names are final by then)."""
    if _LOOKUPS and _LOOKUPS[0].source is orgs and _LOOKUPS[0].size == len(orgs):
        return _LOOKUPS[0]
    _LOOKUPS[:] = [OrgLookup(orgs)]
    return _LOOKUPS[0]


def live(mentions: list[Mention], types: tuple[str, ...]) -> list[Mention]:
    """Named, kept mentions of the given types in list order — the same list object for the
    same question about one article (built after article resolution has set the names)."""
    index = index_of(mentions)
    key = ("live", *types)
    if key not in index.lists:
        index.lists[key] = [m for m in mentions if m.type in types and m.name and not m.drop]
    return index.lists[key]
