"""Named, parameterised Cypher queries kept as `.cypher` files with a header.

Public queries (listed by the API) live in this folder; the loader's write statements live
in `loader/`. No Cypher is built from user input anywhere: callers pass parameters, and run
public queries through one `QueryReader`.
"""

from queries.errors import BadQueryParameter, UnknownQuery
from queries.reader import QueryReader, Read
from queries.registry import NamedQuery, QueryParam, load_queries, loader_query, public_queries

__all__ = [
    "BadQueryParameter",
    "NamedQuery",
    "QueryParam",
    "QueryReader",
    "Read",
    "UnknownQuery",
    "load_queries",
    "loader_query",
    "public_queries",
]
