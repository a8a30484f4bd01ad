"""Bounds on caller query text (Cypher, SPARQL), checked before any parser sees it.

Why before parsing: a parser's time and stack grow with the nesting of brackets (300 nested
brackets took Neo4j's planner minutes), so the text is measured first, in one linear pass.
"""

from __future__ import annotations


def nesting_depth(text: str) -> int:
    """The deepest nesting of (), [] and {} in `text` (string literals blanked by the caller)."""
    depth = deepest = 0
    for char in text:
        if char in "([{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in ")]}":
            depth -= 1
    return deepest
