"""The one query reader (queries.reader): binding errors are typed, pages are shaped, nothing else happens.

The read function here is a real function that records what it was asked and answers rows built
in the test — the reader's contract with whoever owns the connection, not a model of Neo4j.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from queries import BadQueryParameter, QueryReader, UnknownQuery, public_queries


class Recorder:
    """A read function: remembers (cypher, params) and answers the rows it was given."""

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def __call__(self, text: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        self.calls.append((text, params))
        return self.rows


def test_rows_binds_declared_parameters_with_defaults_and_runs_the_query_text() -> None:
    read = Recorder([{"id": "craftsman-school"}])
    rows = QueryReader(read).rows("practices", category="skills")
    assert rows == [{"id": "craftsman-school"}]
    [(text, params)] = read.calls
    assert text == public_queries()["practices"].text
    assert params == {"category": "skills"}


def test_none_counts_as_not_given_and_strings_are_coerced() -> None:
    read = Recorder([])
    QueryReader(read).rows("organizations", name=None, limit="7", expand="true")
    params = read.calls[0][1]
    assert params["name"] is None and params["limit"] == 7 and params["expand"] is True
    defaults = {param.name: param.default for param in public_queries()["organizations"].params}
    assert params["label"] == defaults["label"] is not None  # a declared default fills what was not given


@pytest.mark.parametrize(
    ("name", "given", "says"),
    [
        ("organizations", {"bogus": "1"}, "unknown parameter(s) for query 'organizations': bogus"),
        ("organizations", {"limit": "many"}, "parameter 'limit' must be int"),
        ("practice_adopters", {}, "parameter 'practice' is required"),
    ],
)
def test_binding_errors_are_typed_and_nothing_is_read(name: str, given: dict[str, Any], says: str) -> None:
    read = Recorder([])
    with pytest.raises(BadQueryParameter, match=re.escape(says)):
        QueryReader(read).rows(name, **given)
    assert read.calls == []


def test_an_unknown_query_is_its_own_error() -> None:
    with pytest.raises(UnknownQuery, match="no named query 'nope'"):
        QueryReader(Recorder([])).rows("nope")
    assert not issubclass(UnknownQuery, ValueError)  # a 404, not a bad parameter


def test_a_parameter_may_be_called_name() -> None:
    read = Recorder([])
    QueryReader(read).rows("organizations", name="小镇")
    assert read.calls[0][1]["name"] == "小镇"


def test_page_shapes_the_paginated_row_and_passes_limit_and_offset() -> None:
    read = Recorder([{"total": 12, "items": [{"key": "a"}, {"key": "b"}]}])
    page = QueryReader(read).page("people", 2, 4, name="王")
    assert page == {"total": 12, "limit": 2, "offset": 4, "items": [{"key": "a"}, {"key": "b"}]}
    assert list(page) == ["total", "limit", "offset", "items"]
    params = read.calls[0][1]
    assert (params["limit"], params["offset"], params["name"]) == (2, 4, "王")


def test_page_of_no_rows_is_empty() -> None:
    assert QueryReader(Recorder([])).page("people", 5, 0) == {"total": 0, "limit": 5, "offset": 0, "items": []}


def test_one_answers_the_first_row_or_none() -> None:
    assert QueryReader(Recorder([{"n": 1}, {"n": 2}])).one("entity", key="k") == {"n": 1}
    assert QueryReader(Recorder([])).one("entity", key="k") is None


def test_run_returns_the_bound_parameters_shown_to_callers() -> None:
    read = Recorder([{"x": 1}])
    params, rows = QueryReader(read).run("search", {"q": "小镇"})
    assert params == read.calls[0][1] and params["q"] == "小镇" and rows == [{"x": 1}]


def test_a_catalogue_can_be_given() -> None:
    only = {"search": public_queries()["search"]}
    reader = QueryReader(Recorder([]), catalogue=only)
    assert reader.rows("search", q="x") == []
    with pytest.raises(UnknownQuery):
        reader.rows("practices")
