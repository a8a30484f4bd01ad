"""Decide whether caller SPARQL may run: bounded text, queries only, nothing that leaves the store.

Why parsing and not a keyword list: a text that oxigraph parses as a query (SELECT, ASK,
CONSTRUCT, DESCRIBE) cannot change the store, whatever words it contains. Only when it does not
parse as a query is the text parsed as an update (SPARQL 1.1 Update, with rdflib's parser: it
only parses, while oxigraph's `Store.update` would run the update, and `LOAD <url>` would fetch
that URL), so a refused update is named (403) and anything else is a syntax error (422).

One thing a query can do besides reading is `SERVICE <url>`: oxigraph would send the subquery to
that URL. The endpoint answers from its own store only, so SERVICE is refused from the text, after
strings, IRIs and comments are blanked (a keyword inside a string does not count). The text is
also bounded in length and bracket nesting before any parser sees it, as for `/cypher`.
"""

from __future__ import annotations

import re

from pyparsing import ParseException
from rdflib.plugins.sparql.parser import parseUpdate

from api.text_bounds import nesting_depth

MAX_QUERY_CHARS = 8000  # twice /cypher's: SPARQL spells out its PREFIX lines in the text
MAX_NESTING = 32  # brackets ( [ { open at once

# Long strings first, then short ones (with escapes), IRIs (no spaces inside, so `?a < ?b` is not
# one) and comments; each is replaced by a space before keywords and brackets are looked at.
_BLANKED = re.compile(
    r"'''.*?'''|\"\"\".*?\"\"\"|'(?:\\.|[^'\\\n])*'|\"(?:\\.|[^\"\\\n])*\"|<[^<>\"{}|^`\\\x00-\x20]*>|#[^\n]*",
    re.S,
)
# SERVICE as a keyword: not part of a name, a variable or a prefixed name's local part.
_SERVICE = re.compile(r"(?<![\w:?$])SERVICE(?!\w)", re.I)
# SPARQL 1.1 allows \uXXXX anywhere in the text; oxigraph does not decode them in keywords, but the
# check decodes them first so that it refuses what any reading of the text would call SERVICE.
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")

_UPDATE_NAMES = {
    "InsertData": "INSERT DATA",
    "DeleteData": "DELETE DATA",
    "DeleteWhere": "DELETE WHERE",
    "Modify": "DELETE/INSERT … WHERE",
    "Load": "LOAD",
    "Clear": "CLEAR",
    "Drop": "DROP",
    "Create": "CREATE",
    "Add": "ADD",
    "Move": "MOVE",
    "Copy": "COPY",
}


class ForbiddenSparql(ValueError):
    """The text may not run here; the message names what was refused (→ 403)."""


def check_text(query: str) -> None:
    """Bound the text and refuse SERVICE before any parser sees it (ForbiddenSparql)."""
    if len(query) > MAX_QUERY_CHARS:
        raise ForbiddenSparql(f"refused: the query is {len(query)} characters, over the limit of {MAX_QUERY_CHARS}")
    text = _BLANKED.sub(" ", _CODEPOINT.sub(_decode, query))
    deepest = nesting_depth(text)
    if deepest > MAX_NESTING:
        raise ForbiddenSparql(f"refused: brackets nested {deepest} deep, over the limit of {MAX_NESTING}")
    if _SERVICE.search(text):
        raise ForbiddenSparql("refused: SERVICE (federated query); this endpoint answers from its own store only")


def _decode(match: re.Match[str]) -> str:
    try:
        return chr(int(match[1] or match[2], 16))
    except (ValueError, OverflowError):
        return " "


def update_operations(text: str) -> list[str] | None:
    """The operations of `text` when it parses as a SPARQL 1.1 update (e.g. ["INSERT DATA"]), else None.

    Only parses: nothing is run."""
    try:
        parsed = parseUpdate(text)
    except (ParseException, ValueError, TypeError, RecursionError):
        return None
    names = [
        _UPDATE_NAMES.get(getattr(op, "name", ""), str(getattr(op, "name", "update"))) for op in parsed.request or []
    ]
    return names or None


def refusal(operations: list[str]) -> str:
    """The 403 detail for an update."""
    shown = ", ".join(dict.fromkeys(operations))
    return f"refused: {shown} is a SPARQL update; this endpoint is read-only (SELECT, ASK, CONSTRUCT, DESCRIBE)"
