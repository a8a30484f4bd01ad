"""Errors of running a named query, raised below every caller so each maps them once.

Why typed: the API turns them into 404/422 in its one error-mapping place and the CLI into a
one-line message; a bare ValueError or KeyError could come from anywhere and would be guessed at.
"""

from __future__ import annotations


class UnknownQuery(LookupError):
    """No named query of that name (`queries/*.cypher`)."""


class BadQueryParameter(ValueError):
    """A parameter the query does not declare, a required one missing, or a value of the wrong type."""
