"""One way to run a named query: bind the caller's parameters, read, shape the answer.

Why one reader: the API, `ukg render`, `ukg diffusion` and the views all run named queries, and
each used to bind parameters and shape pages its own way. The reader takes a *read function*
(`read(cypher, params) -> rows`) instead of a database, because `queries` sits below
`graph_loader` in the layer order: whoever owns the connection passes its `read` in.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from queries.errors import BadQueryParameter, UnknownQuery
from queries.registry import NamedQuery, public_queries

Row = dict[str, Any]
Read = Callable[[str, dict[str, Any]], list[Row]]


@dataclass(frozen=True)
class QueryReader:
    """Runs the named queries of `catalogue` through `read`."""

    read: Read
    catalogue: Mapping[str, NamedQuery] = field(default_factory=public_queries)

    def query(self, name: str) -> NamedQuery:
        try:
            return self.catalogue[name]
        except KeyError:
            raise UnknownQuery(f"no named query '{name}'") from None

    def bind(self, name: str, given: Mapping[str, Any]) -> dict[str, Any]:
        """The driver parameters for `given`; a None value counts as not given (the default applies)."""
        query = self.query(name)
        try:
            return query.bind({key: value for key, value in given.items() if value is not None})
        except ValueError as error:
            raise BadQueryParameter(str(error)) from error

    def run(self, name: str, given: Mapping[str, Any]) -> tuple[dict[str, Any], list[Row]]:
        """(bound parameters, rows): for callers that show which parameters the query ran with."""
        params = self.bind(name, given)
        return params, self.read(self.query(name).text, params)

    def rows(self, name: str, /, **given: Any) -> list[Row]:
        return self.run(name, given)[1]

    def page(self, name: str, limit: int, offset: int, /, **given: Any) -> Row:
        """A paginated query (one row with `total` and `items`) as {total, limit, offset, items}."""
        rows = self.rows(name, limit=limit, offset=offset, **given)
        row = rows[0] if rows else {"total": 0, "items": []}
        return {"total": row["total"], "limit": limit, "offset": offset, "items": row["items"]}

    def one(self, name: str, /, **given: Any) -> Row | None:
        """The first row of a query about one thing; None when it answers none."""
        rows = self.rows(name, **given)
        return rows[0] if rows else None


_NON_FINITE = {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}


def jsonable(value: Any) -> Any:
    """A row value as JSON can carry it, for callers that return rows as they come (`GET /queries/{name}`).

    Why: the driver hands back neo4j.time and neo4j.spatial objects, which a JSON encoder either
    refuses or (points and durations are tuples) turns into bare arrays that lose their meaning;
    and NaN/Infinity have no JSON form, so encoders write null, which reads as "no value". Here
    temporal values become ISO 8601 strings (`2024-05-01`, `P1DT3S`), points EWKT strings
    (`SRID=7203;POINT(1.0 2.0)`, as `/cypher` writes them) and non-finite floats the strings "NaN",
    "Infinity" and "-Infinity" (as JavaScript prints them).
    """
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else _NON_FINITE[str(value)]
    if isinstance(value, dict):
        return {key: jsonable(item) for key, item in value.items()}
    if isinstance(value, list) or type(value) is tuple:
        return [jsonable(item) for item in value]
    srid = getattr(value, "srid", None)
    if srid is not None and isinstance(value, tuple):
        return f"SRID={srid};POINT({' '.join(repr(float(number)) for number in value)})"
    iso_format = getattr(value, "iso_format", None)
    if callable(iso_format):
        return iso_format()
    return str(value)
