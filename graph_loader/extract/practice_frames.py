"""Practices that survive paraphrase: verb + object frames with gaps (issue 13 item 3).

Why: about a fifth of the adoptions in the genre name the practice by what is done, not by a
cue word — training counted in person-times (培训…1200人次), disputes settled (调解…纠纷), a
rest stop described by its amenities (能歇脚、热饭、给手机充电). Each practice has frames in
reference/data/practice_frames.yaml: slots of general words that must follow each other within
a few characters in one sentence. A frame match stands in for a cue; the caller applies the
same checks as to a cue (plans, passing frames, actor).

Linear: each frame's first slot is one regex pass over the sentence; every later slot is
searched only in the bounded window after the previous slot.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from graph_loader.reference.lexicon import PracticeFrame, practice_frames

_STOP = re.compile(r"[。；;！？!?]")


@dataclass(frozen=True)
class FrameMatch:
    """A frame found in a sentence: offsets in the sentence, the text matched, the practice."""

    start: int
    end: int
    surface: str
    practice: str


def _follow(frame: PracticeFrame, text: str, first: re.Match[str]) -> int | None:
    """End of the last slot when the slots after `first` follow in order, else None."""
    end, seen = first.end(), {first.group(0)}
    for slot in frame.slots[1:]:
        window_end = min(len(text), end + frame.gap + 12)
        stop = _STOP.search(text, end, window_end)
        limit = stop.start() if stop else window_end
        found = None
        for candidate in slot.finditer(text, end, limit):
            if candidate.start() - end > frame.gap:
                break
            if not frame.distinct or candidate.group(0) not in seen:
                found = candidate
                break
        if found is None:
            return None
        seen.add(found.group(0))
        end = found.end()
    return end


@functools.cache
def _any_first_slot() -> re.Pattern[str]:
    """One regex of every frame's first slot: most sentences hold none and are passed at once."""
    return re.compile("|".join(f"(?:{frame.slots[0].pattern})" for frame in practice_frames()))


def find_frames(text: str) -> list[FrameMatch]:
    """Every frame match in `text` (one per practice and first slot), in text order."""
    out: list[FrameMatch] = []
    if not _any_first_slot().search(text):
        return out
    for frame in practice_frames():
        for first in frame.slots[0].finditer(text):
            end = _follow(frame, text, first)
            if end is not None:
                out.append(FrameMatch(first.start(), end, text[first.start():end], frame.practice))
    out.sort(key=lambda m: (m.start, m.end))
    return out
