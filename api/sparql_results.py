"""Run one SPARQL query on a read-only store and write its answer, within row and byte caps.

Runs inside a worker process of api.sparql_pool, so everything here is plain data in, plain data
out (Job → Answer): the parent process only forwards bytes. Formats, chosen from the client's
Accept list or the `format=` override once the query's form is known:

- SELECT and ASK: W3C SPARQL 1.1 Query Results JSON (`application/sparql-results+json`, the
  default) or CSV (`text/csv`). SELECT rows are written here, one at a time, so the row and byte
  caps cut between rows (oxigraph's own serialiser writes a whole result); ASK uses oxigraph's.
- CONSTRUCT and DESCRIBE: Turtle (`text/turtle`, the default, with the ukg prefixes) or N-Triples
  (`application/n-triples`), written by oxigraph from the capped list of triples.

A cut answer says so with `truncated` (the router turns it into `X-UKG-Truncated: true`); it is
cut only when there really was more.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, replace

import orjson
import pyoxigraph
from pyoxigraph import BlankNode, Literal, NamedNode, QueryBoolean, QuerySolutions, Triple

from api.sparql_guard import refusal, update_operations
from graph_loader.rdf_export import PREFIXES

RESULT_MEDIA = {"json": "application/sparql-results+json", "csv": "text/csv; charset=utf-8"}
GRAPH_MEDIA = {"ttl": "text/turtle; charset=utf-8", "nt": "application/n-triples"}
FORMAT_NAMES = {"json": "json", "csv": "csv", "ttl": "ttl", "turtle": "ttl", "nt": "nt", "ntriples": "nt"}
_ACCEPTED = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "text/csv": "csv",
    "text/turtle": "ttl",
    "application/x-turtle": "ttl",
    "application/n-triples": "nt",
}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass(frozen=True)
class Job:
    """One query for a worker: which store, the text, the client's format wishes and the caps."""

    store: str
    query: str
    accept: tuple[str, ...] = ()  # media types, most preferred first
    format: str | None = None  # json, csv, ttl or nt: overrides `accept`
    limit: int = 1000
    max_bytes: int = 1_000_000


@dataclass(frozen=True)
class Answer:
    """A worker's reply: a body to send (status 200) or an error kind and one-line detail."""

    status: int
    media_type: str = ""
    body: bytes = b""
    truncated: bool = False
    kind: str = ""
    detail: str = ""


def error(status: int, kind: str, detail: str) -> Answer:
    return Answer(status=status, kind=kind, detail=" ".join(detail.split()))


def execute(store: pyoxigraph.Store, job: Job) -> Answer:
    """Parse and run `job.query` on `store`; an update is refused (403), anything unparseable is 422."""
    try:
        result = store.query(job.query)
    except SyntaxError as syntax:
        operations = update_operations(job.query)
        if operations:
            return error(403, "forbidden", refusal(operations))
        return error(422, "bad_parameter", f"query: not a SPARQL query: {syntax}")
    if isinstance(result, QueryBoolean):
        fmt = _choose("ask", job)
        if fmt not in RESULT_MEDIA:
            return _wrong_format(fmt, "ASK")
        kind = pyoxigraph.QueryResultsFormat.JSON if fmt == "json" else pyoxigraph.QueryResultsFormat.CSV
        return _labelled(Answer(200, RESULT_MEDIA[fmt], result.serialize(format=kind)), job)
    if isinstance(result, QuerySolutions):
        fmt = _choose("select", job)
        if fmt not in RESULT_MEDIA:
            return _wrong_format(fmt, "SELECT")
        return _labelled(_solutions(result, fmt, job.limit, job.max_bytes), job)
    fmt = _choose("graph", job)
    if fmt not in GRAPH_MEDIA:
        return _wrong_format(fmt, "CONSTRUCT and DESCRIBE")
    return _triples(iter(result), fmt, job.limit, job.max_bytes)


def _choose(form: str, job: Job) -> str:
    """The format for a query form: `format=` if given, else the first acceptable Accept entry, else the default."""
    if job.format:
        return FORMAT_NAMES.get(job.format.lower(), job.format)
    usable = RESULT_MEDIA if form in ("select", "ask") else GRAPH_MEDIA
    for media in job.accept:
        fmt = _ACCEPTED.get(media)
        if fmt in usable:
            return fmt
    return "json" if form in ("select", "ask") else "ttl"


def _labelled(answer: Answer, job: Job) -> Answer:
    """SPARQL JSON labelled `application/json` when that is what the client asked for (some clients
    accept only that); the body is the same."""
    wanted = next((media for media in job.accept if _ACCEPTED.get(media) in RESULT_MEDIA), None)
    if answer.media_type == RESULT_MEDIA["json"] and not job.format and wanted == "application/json":
        return replace(answer, media_type="application/json")
    return answer


def _wrong_format(fmt: str, form: str) -> Answer:
    allowed = "json or csv" if form in ("SELECT", "ASK") else "ttl or nt"
    return error(422, "bad_parameter", f"format: {fmt!r} does not fit {form} queries; use {allowed}")


def _capped(items: Iterator[bytes], limit: int, max_bytes: int) -> tuple[list[bytes], bool]:
    """Items until `limit` of them or `max_bytes` in all; truncated only when an item was left out."""
    kept: list[bytes] = []
    size = 0
    for item in items:
        if len(kept) >= limit or size + len(item) > max_bytes:
            return kept, True
        kept.append(item)
        size += len(item)
    return kept, False


def _solutions(result: QuerySolutions, fmt: str, limit: int, max_bytes: int) -> Answer:
    names = [variable.value for variable in result.variables]
    if fmt == "json":
        rows = (
            orjson.dumps({n: _term_json(t) for n, t in zip(names, s, strict=True) if t is not None}) for s in result
        )
        kept, truncated = _capped(rows, limit, max_bytes)
        head = orjson.dumps({"vars": names})
        body = b'{"head":' + head + b',"results":{"bindings":[' + b",".join(kept) + b"]}}"
        return Answer(200, RESULT_MEDIA["json"], body, truncated)
    lines = (_csv_line([_term_text(t) for t in s]) for s in result)
    kept, truncated = _capped(lines, limit, max_bytes)
    return Answer(200, RESULT_MEDIA["csv"], _csv_line(names) + b"".join(kept), truncated)


def _triples(result: Iterator[Triple], fmt: str, limit: int, max_bytes: int) -> Answer:
    triples: list[Triple] = []

    def lines() -> Iterator[bytes]:
        for triple in result:
            triples.append(triple)
            yield f"{triple} .\n".encode()

    kept, truncated = _capped(lines(), limit, max_bytes)
    del triples[len(kept) :]  # the one that did not fit
    rdf_format = pyoxigraph.RdfFormat.TURTLE if fmt == "ttl" else pyoxigraph.RdfFormat.N_TRIPLES
    # ukgi: left out: instance IRIs hold percent-escapes, which Turtle local names must escape again
    prefixes = {name: iri for name, iri in PREFIXES.items() if name != "ukgi"} if fmt == "ttl" else None
    body = pyoxigraph.serialize(triples, format=rdf_format, prefixes=prefixes) or b""
    return Answer(200, GRAPH_MEDIA[fmt], body, truncated)


def _term_json(term: object) -> dict[str, object]:
    """One RDF term as W3C SPARQL JSON results write it."""
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        out: dict[str, object] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, Triple):  # RDF 1.2 triple terms
        parts = ("subject", "predicate", "object")
        return {"type": "triple", "value": {part: _term_json(getattr(term, part)) for part in parts}}
    return {"type": "literal", "value": str(term)}


def _term_text(term: object) -> str:
    """One RDF term as W3C SPARQL CSV writes it: IRIs and literals bare, blank nodes as _:label."""
    if term is None:
        return ""
    if isinstance(term, NamedNode | Literal):
        return term.value
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    return str(term)


def _csv_line(values: list[str]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(values)
    return buffer.getvalue().encode()
