"""Parse `.cypher` files with a comment header into NamedQuery records.

Header lines come first, each starting with `//`:

    // name: organizations
    // description: Organisations filtered by form, level, carrier type, place, practice …
    // param: form: string = null — union form, e.g. 联合工会
    // param: limit: int 1..1000 = 50 — page size
    // returns: rows

Types: string, int, float, bool, list[string], map, list[map] (maps are passed as given).
`= null` (or no default) means optional with null. A parameter without a default that must be
given is written `= required`.

Bounds `LOW..HIGH` after the type: the allowed range of an int or float, the allowed length of a
string. Why in the header: they are checked in `bind`, before any query runs, so a value Neo4j
cannot take (SKIP beyond 2^31, integers beyond 64 bits, a negative LIMIT, an empty search text)
is a one-line parameter error instead of a driver or server failure, and the catalogue
(`GET /queries`) shows them. An int without declared bounds is still held to 64 bits and a float
must be finite; tests require explicit bounds on every numeric parameter of a public query.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

QUERY_DIR = Path(__file__).resolve().parent
_PARAM_RE = re.compile(
    r"^(?P<name>\w+)\s*:\s*(?P<type>[\w\[\]]+)\s*"
    r"(?:(?P<low>-?\d+(?:\.\d+)?)\s*\.\.\s*(?P<high>-?\d+(?:\.\d+)?)\s*)?"
    r"(?:=\s*(?P<default>.*?))?\s*(?:—|--)\s*(?P<doc>.*)$"
)
_TYPES = {"string", "int", "float", "bool", "list[string]", "map", "list[map]"}
_BOUNDED = {"string", "int", "float"}
INT64 = (-(2**63), 2**63 - 1)  # what Bolt can carry; Python ints beyond it overflow in the driver


class QueryDefinitionError(ValueError):
    """A `.cypher` file whose header cannot be read (a developer error, caught by tests)."""


@dataclass(frozen=True)
class QueryParam:
    name: str
    type: str
    default: Any
    required: bool
    description: str
    minimum: int | float | None = None  # numbers: smallest value; strings: shortest length
    maximum: int | float | None = None  # numbers: largest value; strings: longest length

    def coerce(self, value: Any) -> Any:
        """A raw (often string) value as the declared type, within its bounds; ValueError when it does not fit."""
        if value is None or self.type in {"map", "list[map]"}:
            return value
        if self.type == "int":
            return self._within(_to_int(value))
        if self.type == "float":
            number = float(value)
            if not math.isfinite(number):
                raise ValueError(f"not a finite number: {value!r}")
            return self._within(number)
        if self.type == "bool":
            if isinstance(value, bool):
                return value
            text = str(value).lower()
            if text in {"true", "1", "yes"}:
                return True
            if text in {"false", "0", "no"}:
                return False
            raise ValueError(f"not a boolean: {value!r}")
        if self.type == "list[string]":
            if isinstance(value, list):
                return [str(item) for item in value]
            return [item for item in str(value).split(",") if item]
        text = str(value)
        if self.minimum is not None and len(text) < self.minimum:
            raise ValueError(f"at least {self.minimum} character(s), got {len(text)}")
        if self.maximum is not None and len(text) > self.maximum:
            raise ValueError(f"at most {self.maximum} characters, got {len(text)}")
        return text

    def _within(self, number: int | float) -> int | float:
        low = self.minimum if self.minimum is not None else (INT64[0] if self.type == "int" else None)
        high = self.maximum if self.maximum is not None else (INT64[1] if self.type == "int" else None)
        if (low is not None and number < low) or (high is not None and number > high):
            shown = "…" if len(str(number)) > 40 else number
            raise ValueError(f"{shown} is out of range {low}..{high}")
        return number


def _to_int(value: Any) -> int:
    """An int from a string or number; never silently truncated ('2.5' and 2.5 are errors)."""
    if isinstance(value, bool):
        raise ValueError(f"not an integer: {value!r}")
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(f"not an integer: {value!r}")
        return int(value)
    text = str(value).strip()
    if len(text) > 40:  # far beyond 64 bits; int() of a huge digit string is slow and then overflows anyway
        raise ValueError(f"too many digits for a 64-bit integer: {text[:20]}…")
    return int(text)


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    text: str
    path: Path
    params: tuple[QueryParam, ...] = field(default_factory=tuple)

    def bind(self, given: dict[str, Any]) -> dict[str, Any]:
        """Parameters for the driver: declared ones only, coerced, defaults filled in.

        Raises ValueError naming the parameter for unknown names, missing required ones or
        values of the wrong type.
        """
        declared = {param.name: param for param in self.params}
        unknown = sorted(set(given) - set(declared))
        if unknown:
            raise ValueError(f"unknown parameter(s) for query '{self.name}': {', '.join(unknown)}")
        bound: dict[str, Any] = {}
        for param in self.params:
            if param.name in given and given[param.name] is not None:
                try:
                    bound[param.name] = param.coerce(given[param.name])
                except (TypeError, ValueError) as error:
                    raise ValueError(f"parameter '{param.name}' must be {param.type}: {error}") from error
            elif param.required:
                raise ValueError(f"parameter '{param.name}' is required for query '{self.name}'")
            else:
                bound[param.name] = param.default
        return bound


def _parse_default(raw: str | None, type_name: str) -> tuple[Any, bool]:
    if raw is None or raw == "" or raw == "null":
        return None, False
    if raw == "required":
        return None, True
    value = json.loads(raw)
    return QueryParam("_", type_name, None, False, "").coerce(value), False


def _parse_bound(raw: str | None, type_name: str) -> int | float | None:
    if raw is None:
        return None
    return float(raw) if type_name == "float" else int(float(raw))


def parse_query_file(path: Path) -> NamedQuery:
    header: dict[str, str] = {}
    params: list[QueryParam] = []
    body: list[str] = []
    in_header = True
    for line in path.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if in_header and stripped.startswith("//"):
            content = stripped[2:].strip()
            key, _, value = content.partition(":")
            key = key.strip()
            if key == "param":
                match = _PARAM_RE.match(value.strip())
                if not match or match["type"] not in _TYPES:
                    raise QueryDefinitionError(f"{path}: cannot read parameter line: {content}")
                if match["low"] is not None and match["type"] not in _BOUNDED:
                    raise QueryDefinitionError(f"{path}: bounds on a {match['type']} parameter: {content}")
                low, high = _parse_bound(match["low"], match["type"]), _parse_bound(match["high"], match["type"])
                default, required = _parse_default(match["default"], match["type"])
                params.append(
                    QueryParam(match["name"], match["type"], default, required, match["doc"].strip(), low, high)
                )
            elif key in {"name", "description", "returns"}:
                header[key] = (header.get(key, "") + " " + value.strip()).strip()
            continue
        in_header = False
        body.append(line)
    if "name" not in header:
        raise QueryDefinitionError(f"{path}: header has no '// name:' line")
    return NamedQuery(
        name=header["name"],
        description=header.get("description", ""),
        text="\n".join(body).strip(),
        path=path,
        params=tuple(params),
    )


def load_queries(directory: Path) -> dict[str, NamedQuery]:
    queries: dict[str, NamedQuery] = {}
    for path in sorted(directory.glob("*.cypher")):
        query = parse_query_file(path)
        if query.name in queries:
            raise QueryDefinitionError(f"{path}: duplicate query name '{query.name}'")
        queries[query.name] = query
    return queries


@cache
def public_queries() -> dict[str, NamedQuery]:
    """The researcher-facing named queries (`queries/*.cypher`)."""
    return load_queries(QUERY_DIR)


@cache
def _loader_queries() -> dict[str, NamedQuery]:
    return load_queries(QUERY_DIR / "loader")


_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_SLOT = re.compile(r"\{\{(\w+)\}\}")


def loader_query(name: str, **schema_names: str | list[str]) -> str:
    """The text of one of the loader's write statements (`queries/loader/*.cypher`).

    Cypher cannot take a label or relationship type as a parameter without losing index use
    (dynamic `$(…)` labels plan as scans and run 3-5x slower here), so a few statements have
    `{{slot}}`s for them. Slots are filled only with schema names the caller got from the
    ontology façade, checked to be plain identifiers and back-quoted — never with user input.
    """
    try:
        text = _loader_queries()[name].text
    except KeyError as error:
        raise KeyError(f"no loader query named '{name}' in {QUERY_DIR / 'loader'}") from error

    def fill(match: re.Match[str]) -> str:
        slot = match.group(1)
        if slot not in schema_names:
            raise KeyError(f"loader query '{name}' needs schema name '{slot}'")
        value = schema_names[slot]
        names = value if isinstance(value, list) else [value]
        if not names or not all(_IDENTIFIER.match(item) for item in names):
            raise ValueError(f"not a schema identifier for slot '{slot}' of '{name}': {value!r}")
        return ":".join(f"`{item}`" for item in names)

    return _SLOT.sub(fill, text)
