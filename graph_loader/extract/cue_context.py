"""Context checks on practice cues: when a matched cue is not the practice being done.

Why: a cue is a string, and a string turns up where the practice is not done —
inside a longer word (点单 in 试点单位, 调处 in 协调处理), in a photo credit (本版摄影：…), in
the title of an honour the unit received (被授予“党建带工建示范点”称号), or in a passing frame
(借“世界母乳日”之际, 探讨…, 享受…福利). The words and frames are data
(reference/data/practice_cues.yaml: `host_words`, `passing_frames`, `honour_frame`, `honour_practices`), so the
checks stay general: none of them names a unit, person or brand.

One regex pass per sentence finds the host words and frames (`CueContext.of`); each cue is then
checked with a bisect over the spans found, so the cost stays linear in the sentence.
"""

from __future__ import annotations

import bisect
import functools
import re
import sys
from dataclasses import dataclass

from graph_loader.reference.lexicon import practice_rules


@dataclass(frozen=True)
class _Grammar:
    hosts: re.Pattern[str] | None
    frames: tuple[re.Pattern[str], ...]
    honour: re.Pattern[str] | None
    honour_practices: frozenset[str]


@functools.cache
def _grammar() -> _Grammar:
    rules = practice_rules()
    hosts = sorted(rules.get("host_words", []), key=lambda w: (-len(w), w))
    frames = tuple(re.compile(p) for p in rules.get("passing_frames", []))
    honour = rules.get("honour_frame", "")
    return _Grammar(re.compile("|".join(re.escape(w) for w in hosts)) if hosts else None, frames,
                    re.compile(honour) if honour else None,
                    frozenset(rules.get("honour_practices", [])))


@dataclass(frozen=True)
class CueContext:
    """The spans of one sentence where a cue does not report the practice being done."""

    host_starts: tuple[int, ...]
    host_ends: tuple[int, ...]
    passing: tuple[tuple[int, int], ...]  # spans of passing frames (the whole frame)
    honours: tuple[tuple[int, int], ...]  # spans of honour titles (授予“…”)

    @classmethod
    def of(cls, text: str) -> CueContext:
        """Scan the sentence once for host words, passing frames and honour titles."""
        grammar = _grammar()
        hosts = [m.span() for m in grammar.hosts.finditer(text)] if grammar.hosts else []
        passing = sorted(m.span() for frame in grammar.frames for m in frame.finditer(text))
        honours = [m.span() for m in grammar.honour.finditer(text)] if grammar.honour else []
        return cls(tuple(a for a, _ in hosts), tuple(b for _, b in hosts), tuple(passing), tuple(honours))

    def inside_host(self, start: int, end: int) -> bool:
        """The cue [start, end) lies within a longer word that means something else."""
        i = bisect.bisect_right(self.host_starts, start) - 1
        return i >= 0 and self.host_ends[i] >= end and (self.host_ends[i] - self.host_starts[i]) > end - start

    def in_passing(self, start: int, end: int) -> bool:
        """The cue sits in a passing frame (之际, 探讨…, 享受…) rather than a report of doing it."""
        return _within(self.passing, start, end)

    def in_honour(self, start: int, end: int, practice: str) -> bool:
        """The cue is part of an honour's title; for star-rating the honour is the practice."""
        return practice not in _grammar().honour_practices and _within(self.honours, start, end)

    def blocks(self, start: int, end: int, practice: str) -> str:
        """Why the cue at [start, end) does not count for `practice` ("" when it does)."""
        if self.inside_host(start, end):
            return "host-word"
        if self.in_passing(start, end):
            return "passing"
        if self.in_honour(start, end, practice):
            return "honour"
        return ""


def _within(spans: tuple[tuple[int, int], ...], start: int, end: int) -> bool:
    """Some span (sorted by start; a sentence has a handful) contains [start, end)."""
    return any(b >= end for a, b in spans[:bisect.bisect_right(spans, (start, sys.maxsize))] if a <= start)
