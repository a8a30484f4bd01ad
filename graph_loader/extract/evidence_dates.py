"""When an evidence sentence dates the fact it supports: set once, here, on the `Evidence`.

Why in extraction: the practice cues (graph_loader.reference.lexicon) and the date rules
(graph_loader.text.dates.adoption_date, the rule that dates ADOPTS) are the extractor's;
analytics only reads the result (`Evidence.dated`, `.date_basis`, `.date_phrase`), so the
diffusion timing and the extraction can never disagree on how a sentence is dated.

Rule: in the quote, whitespace removed, the sentence holding the last cue of the practice is
searched for a stated start date with the ADOPTS year rule (`adoption_date`: the nearest usable
date before the cue, else one after it in its clause); `relative` when the phrase is relative to the
article's date (去年, 今年6月), `stated` otherwise. Without one, the article's date (`article`);
without a year in that either, undated ("").
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace

from graph_loader.records import Evidence
from graph_loader.reference.lexicon import practice_lexicon
from graph_loader.text.dates import adoption_date

STATED, RELATIVE, ARTICLE = "stated", "relative", "article"
_SENTENCE_END = "。！？；!?;"


@functools.cache
def _cues(practice: str) -> tuple[str, ...]:
    return tuple(practice_lexicon().cues.get(practice, ()))


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    start = max(text.rfind(ch, 0, pos) for ch in _SENTENCE_END) + 1
    ends = [i for i in (text.find(ch, pos) for ch in _SENTENCE_END) if i >= 0]
    return start, (min(ends) + 1 if ends else len(text))


def quote_date(quote: str, practice: str, article_date: str) -> tuple[str, str, str]:
    """(date, basis, phrase) that a quote gives to the adoption of `practice` (see module docstring)."""
    compact = re.sub(r"\s+", "", quote or "")
    pos, cue = max(((compact.rfind(cue), cue) for cue in _cues(practice)), default=(-1, ""))
    if pos >= 0:
        start, end = _sentence_bounds(compact, pos)
        found = adoption_date(compact[start:end], pos - start, article_date, end=pos - start + len(cue))
        if found is not None:
            return found.value, RELATIVE if found.relative else STATED, found.phrase
    if re.match(r"\d{4}", article_date or ""):
        return article_date, ARTICLE, ""
    return "", "", ""


def dated(evidence: Evidence, practice: str) -> Evidence:
    """The evidence with the date it gives to an adoption (or spread) of `practice`."""
    value, basis, phrase = quote_date(evidence.quote, practice, evidence.date)
    return replace(evidence, dated=value, date_basis=basis, date_phrase=phrase)
