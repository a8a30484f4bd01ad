"""Named SPARQL queries: `.rq` files in this folder, each the twin of a named Cypher query.

Header lines come first, each a SPARQL comment, so a file runs as it is (`curl --data-urlencode
query@queries/practices.rq …`):

    # name: town_unions_craftsman_school
    # description: the headline question in SPARQL …
    # twin: organizations label=UnionOrganization carrier_type=town practice=craftsman-school
    # returns: org (IRI), name, form, year, evidenceCount, evidence

Why the twin line: it names the `.cypher` query (and its parameters) that must give the same answer
on the same graph, so the parity tests run both and compare, and a reader sees which endpoint the
SPARQL reproduces. Values in a twin line are strings; the Cypher query's header types them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from queries.registry import QUERY_DIR, QueryDefinitionError

_KEYS = ("name", "description", "twin", "returns")


@dataclass(frozen=True)
class SparqlQuery:
    name: str
    description: str
    twin: str  # the named Cypher query that answers the same question
    twin_params: dict[str, str] = field(default_factory=dict)
    returns: str = ""
    text: str = ""  # the whole file: the header is made of SPARQL comments
    path: Path | None = None


def parse_rq_file(path: Path) -> SparqlQuery:
    """A `.rq` file with its `#` header; QueryDefinitionError naming the file when the header is incomplete."""
    text = path.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            break
        key, _, value = stripped[1:].partition(":")
        if key.strip() in _KEYS:
            header[key.strip()] = (header.get(key.strip(), "") + " " + value.strip()).strip()
    missing = [key for key in ("name", "description", "twin") if not header.get(key)]
    if missing:
        raise QueryDefinitionError(f"{path}: header has no '# {missing[0]}:' line")
    twin, *pairs = header["twin"].split()
    params: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise QueryDefinitionError(f"{path}: twin parameter {pair!r} is not name=value")
        params[name] = value
    return SparqlQuery(header["name"], header["description"], twin, params, header.get("returns", ""), text, path)


@cache
def sparql_queries(directory: Path = QUERY_DIR) -> dict[str, SparqlQuery]:
    """Every `.rq` file of `directory` by name."""
    found: dict[str, SparqlQuery] = {}
    for path in sorted(directory.glob("*.rq")):
        query = parse_rq_file(path)
        if query.name in found:
            raise QueryDefinitionError(f"{path}: query name {query.name!r} is used twice")
        found[query.name] = query
    return found
