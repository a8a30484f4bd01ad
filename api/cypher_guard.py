"""Refuse caller Cypher that could write, change the schema or administer the DBMS.

Checked before the query reaches the database; the query then also runs in a READ
transaction, so the server refuses any write that slips past this scan.
"""

from __future__ import annotations

import re

# Strings, identifiers in backticks and comments are blanked first so that a keyword inside a
# string literal ('CREATE') does not trigger a refusal and one hidden in a comment trick does not pass.
_LITERALS = re.compile(r"'(?:\\.|[^'\\])*'|\"(?:\\.|[^\"\\])*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.S)
_FORBIDDEN = re.compile(
    r"\b(CREATE|MERGE|DELETE|DETACH|SET|REMOVE|DROP|FOREACH|LOAD\s+CSV|ALTER|GRANT|DENY|REVOKE|RENAME"
    r"|START\s+DATABASE|STOP\s+DATABASE|TERMINATE|IN\s+TRANSACTIONS|USE)\b",
    re.I,
)
_CALL = re.compile(r"\bCALL\s+([A-Za-z_][\w.]*)", re.I)
_ALLOWED_PROCEDURES = (
    "db.index.fulltext.querynodes",
    "db.labels",
    "db.relationshiptypes",
    "db.propertykeys",
    "db.schema.visualization",
)


class ForbiddenCypher(ValueError):
    """The query would write or administer; the message says which clause."""


def check_read_only(query: str) -> None:
    text = _LITERALS.sub(" ", query)
    match = _FORBIDDEN.search(text)
    if match:
        raise ForbiddenCypher(f"read-only endpoint: '{match.group(1).upper()}' is not allowed")
    for call in _CALL.finditer(text):
        name = call.group(1).lower()
        if name not in _ALLOWED_PROCEDURES:
            raise ForbiddenCypher(f"read-only endpoint: procedure '{call.group(1)}' is not allowed")
