"""Text normalisation: repair PDF-extraction damage while keeping a map back to the raw file.

`normalize(source)` runs the repair rules in a fixed order, one small module each, every one
of which rewrites the text *and* its offset map (see `offsets.py`). Order matters:
truncation and page marks go first (removing them may leave blanks, and a mark would break
a doubled pair); then whitespace is made uniform; doubling before letter-spacing
(`周周 静静` → `周 静` → `周静`); repeated headings before line joining (so a repeated
heading is not glued to a paragraph); repeated paragraphs both before it (less to join)
and after it (when a paragraph broken over lines can be compared whole).

The output keeps one paragraph (or heading) per line, separated by a single "\n"; the
segmenter relies on headings being on their own lines.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable

from graph_loader.records import NormalizedDocument, RepairFlag, SourceDocument
from graph_loader.text.normalize import (
    doubled,
    joining,
    marks,
    repeats,
    spacing,
    truncation,
    whitespace,
    width,
)
from graph_loader.text.normalize.offsets import OffsetMap, identity

Rule = Callable[[str, array], tuple[str, array, list[RepairFlag]]]

# (name, apply) in the order they run.
RULES: tuple[tuple[str, Rule], ...] = (
    (truncation.NAME, truncation.apply),
    (marks.NAME, marks.apply),
    (whitespace.NAME, whitespace.apply),
    (width.NAME, width.apply),
    (doubled.NAME, doubled.apply),
    (spacing.NAME, spacing.apply),
    (repeats.NAME, repeats.apply),
    (repeats.PARAGRAPHS_NAME, repeats.apply_paragraphs),
    (joining.NAME, joining.apply),
    (repeats.PARAGRAPHS_NAME, repeats.apply_paragraphs),
)

__all__ = ["RULES", "normalize", "normalize_text", "OffsetMap"]


def normalize_text(
    raw_text: str, rules: tuple[tuple[str, Rule], ...] = RULES
) -> tuple[str, array, list[RepairFlag]]:
    """Run `rules` over `raw_text`; return (text, offsets array, flags)."""
    text = raw_text
    offsets = identity(len(raw_text))
    flags: list[RepairFlag] = []
    for _name, rule in rules:
        text, offsets, rule_flags = rule(text, offsets)
        flags.extend(rule_flags)
    return text, offsets, flags


def normalize(source: SourceDocument) -> NormalizedDocument:
    """Normalise one decoded document; `offsets[i]` is the raw offset of normalised char i."""
    text, offsets, flags = normalize_text(source.raw_text)
    return NormalizedDocument(source=source, text=text, offsets=OffsetMap(offsets), flags=tuple(flags))
