"""Parameter bounds of the named queries (queries.registry) and JSON-safe rows (queries.reader.jsonable)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from neo4j.spatial import CartesianPoint, WGS84Point
from neo4j.time import Date, DateTime, Duration

from queries import BadQueryParameter, QueryReader, public_queries
from queries.reader import jsonable
from queries.registry import QueryDefinitionError, parse_query_file


def _nothing_read(text: str, params: dict) -> list:
    raise AssertionError("a bad parameter reached the database")


def test_every_numeric_parameter_of_a_public_query_has_explicit_bounds() -> None:
    for query in public_queries().values():
        for param in query.params:
            if param.type in {"int", "float"}:
                assert param.minimum is not None and param.maximum is not None, (query.name, param.name)
                if param.default is not None:
                    assert param.minimum <= param.default <= param.maximum, (query.name, param.name)


def test_pagination_bounds_fit_neo4j_skip_and_limit() -> None:
    for query in public_queries().values():
        for param in query.params:
            if param.name in {"limit", "offset"}:
                assert 0 <= param.minimum and param.maximum <= 100_000, (query.name, param.name)


@pytest.mark.parametrize(
    ("name", "given", "says"),
    [
        ("organizations", {"offset": "2147483648"}, "2147483648 is out of range 0..100000"),
        ("organizations", {"offset": "-1"}, "-1 is out of range 0..100000"),
        ("organizations", {"year_from": "99999999999999999999999"}, "out of range 1000..2100"),
        ("organizations", {"year_from": "9" * 5000}, "too many digits for a 64-bit integer"),
        ("overview", {"limit": "2.5"}, "parameter 'limit' must be int"),
        ("overview", {"limit": 2.5}, "not an integer: 2.5"),
        ("overview", {"limit": True}, "not an integer"),
        ("overview", {"limit": "0"}, "0 is out of range 1..2000"),
        ("search", {"q": ""}, "at least 1 character(s), got 0"),
        ("search", {"q": "x" * 501}, "at most 500 characters"),
        ("search", {"q": "工会", "limit": "-1"}, "-1 is out of range 1..200"),
    ],
)
def test_values_out_of_bounds_are_refused_before_any_read(name: str, given: dict, says: str) -> None:
    with pytest.raises(BadQueryParameter, match=says.replace("(", r"\(").replace(")", r"\)").replace(".", r"\.")):
        QueryReader(_nothing_read).bind(name, given)


def test_values_at_the_bounds_are_bound() -> None:
    reader = QueryReader(_nothing_read)
    bound = reader.bind("organizations", {"offset": "100000", "limit": "1000", "year_from": "1000", "year_to": 2100})
    assert (bound["offset"], bound["limit"], bound["year_from"], bound["year_to"]) == (100000, 1000, 1000, 2100)
    assert reader.bind("overview", {"limit": 3.0})["limit"] == 3


def _header(tmp_path: Path, line: str) -> Path:
    path = tmp_path / "q.cypher"
    path.write_text(f"// name: q\n// param: {line}\nRETURN 1\n", encoding="utf-8")
    return path


def test_header_bounds_are_parsed_for_numbers_and_string_lengths(tmp_path: Path) -> None:
    [ratio] = parse_query_file(_header(tmp_path, "ratio: float 0.5..2.5 = 1.0 — a ratio")).params
    assert (ratio.minimum, ratio.maximum, ratio.default) == (0.5, 2.5, 1.0)
    with pytest.raises(ValueError, match="out of range"):
        ratio.coerce("3")
    for text in ("nan", "inf", "-inf", "1e309"):
        with pytest.raises(ValueError, match="not a finite number"):
            ratio.coerce(text)
    [name] = parse_query_file(_header(tmp_path, "name: string 2..3 = required — a name")).params
    assert name.coerce("abc") == "abc"
    with pytest.raises(ValueError, match="at least 2"):
        name.coerce("a")


def test_an_int_without_declared_bounds_is_held_to_64_bits(tmp_path: Path) -> None:
    [count] = parse_query_file(_header(tmp_path, "count: int = 1 — how many")).params
    assert count.coerce(str(2**63 - 1)) == 2**63 - 1
    with pytest.raises(ValueError, match="out of range"):
        count.coerce(str(2**63))


def test_bounds_on_a_type_without_order_are_a_definition_error(tmp_path: Path) -> None:
    with pytest.raises(QueryDefinitionError, match="bounds on a bool"):
        parse_query_file(_header(tmp_path, "flag: bool 0..1 = false — a flag"))


def test_jsonable_writes_temporal_spatial_and_non_finite_values_as_strings() -> None:
    row = {
        "day": Date(2024, 5, 1),
        "at": DateTime(2024, 5, 1, 8, 30, 0),
        "span": Duration(days=1, seconds=3),
        "here": CartesianPoint((1, 2)),
        "there": WGS84Point((120.1, 30.2)),
        "values": [math.nan, math.inf, -math.inf, 1.5, 2, None, True, "x"],
        "pair": (1, 2),
    }
    assert jsonable(row) == {
        "day": "2024-05-01",
        "at": "2024-05-01T08:30:00.000000000",
        "span": "P1DT3S",
        "here": "SRID=7203;POINT(1.0 2.0)",
        "there": "SRID=4326;POINT(120.1 30.2)",
        "values": ["NaN", "Infinity", "-Infinity", 1.5, 2, None, True, "x"],
        "pair": [1, 2],
    }
