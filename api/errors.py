"""Error → JSON response mapping, in one place. Never a stack trace in a response.

Every error answer, whatever its status, has the shape `api.schemas.Error`:
{"error": kind, "detail": one-line message}. That includes the answers Starlette and FastAPI make
themselves (404 for an unmatched route, 405, 413 from api.limits, a body that is not JSON), so a
client parses one shape. The kinds:

- 404 `not_found`, 405 `method_not_allowed`, 413 `payload_too_large` (other HTTP errors: `http_error`);
- 422 `bad_parameter`: a parameter out of its documented bounds, of the wrong type, unknown or
  missing; a body that is not JSON; any query Neo4j refuses as a client error (its message is the
  detail: a Lucene syntax error in a search text, a Cypher syntax error in `/cypher` …);
- 401 `unauthorized`: a write without a bearer token, or with one the API does not know;
- 403 `forbidden`: caller Cypher that would write or administer (or that Neo4j forbids), or a
  write with a revoked token;
- 503 `neo4j_unavailable`: Neo4j is not reachable (or refuses the API's credentials); 503
  `neo4j_error`: Neo4j failed the query itself (a database or transient error, not the caller's input);
- 504 `query_timeout`: the query ran past its time limit — not the caller's syntax, so not 422;
- 500 `internal_error`: a bug; the detail names only the exception class.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from neo4j.exceptions import ClientError, Neo4jError, ServiceUnavailable, SessionExpired
from starlette.exceptions import HTTPException

from graph_loader.errors import StoreUnavailable
from queries import BadQueryParameter, UnknownQuery

log = logging.getLogger("ukg.api")

_HTTP_KINDS = {404: "not_found", 405: "method_not_allowed", 413: "payload_too_large"}


class NotFound(Exception):
    """An id or name that does not exist (404)."""


class BadParameter(ValueError):
    """A parameter that does not fit the query (422)."""


class Forbidden(Exception):
    """Caller Cypher that would write or administer (403)."""


class Unauthorized(Exception):
    """A write without a known bearer token (401, with `WWW-Authenticate: Bearer`)."""


class QueryTimeout(Exception):
    """A query stopped by its transaction timeout (504 `query_timeout`)."""


def error_response(status: int, kind: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(status_code=status, content={"error": kind, "detail": message}, headers=headers)


def is_timeout(error: BaseException | None) -> bool:
    """Whether `error` is Neo4j stopping a transaction at its timeout (codes …TransactionTimedOut…)."""
    return isinstance(error, Neo4jError) and "TimedOut" in (error.code or "")


def _one_line(text: str) -> str:
    """Neo4j messages (Lucene's above all) run over several lines; an error detail is one."""
    return " ".join(text.split())


def _neo4j_message(error: Neo4jError) -> str:
    return _one_line(error.message or str(error))


def _validation_message(errors: list[Any]) -> str:
    problems = []
    for item in errors:
        if item.get("type") == "json_invalid":
            reason = (item.get("ctx") or {}).get("error", item["msg"])
            problems.append(f"the request body is not valid JSON: {reason}")
            continue
        where = ".".join(str(part) for part in item["loc"])
        problems.append(f"{where}: {item['msg']}")
    return _one_line("; ".join(problems))


def neo4j_error_response(error: Neo4jError) -> JSONResponse:
    """A Neo4j error as an answer: timeout 504, the caller's query or values 422, the server's fault 503."""
    if is_timeout(error):
        return error_response(504, "query_timeout", f"the query ran past its time limit: {_neo4j_message(error)}")
    code = error.code or ""
    if code.startswith("Neo.ClientError.Security.Forbidden"):
        return error_response(403, "forbidden", _neo4j_message(error))
    if code.startswith("Neo.ClientError.Security."):  # credentials: the API's setup, not the caller's input
        return error_response(503, "neo4j_unavailable", f"Neo4j refused the API's connection: {_neo4j_message(error)}")
    if isinstance(error, ClientError):
        return error_response(422, "bad_parameter", f"Neo4j refused the query: {_neo4j_message(error)}")
    return error_response(503, "neo4j_error", f"Neo4j failed to run the query: {_neo4j_message(error)}")


def _allowed_methods(request: Request) -> list[str]:
    """The methods the OpenAPI document gives the request's path: Starlette's 405 names only the
    first matching route's, and GET /curation and POST /curation are two routes. The most specific
    template wins — a literal path (/curation/conflicts), then one segment per parameter, then
    several (`{key:path}` shows as `{key}` in OpenAPI)."""
    paths = request.app.openapi().get("paths", {})
    for segment in (None, "[^/]+", ".+"):
        methods = {
            method.upper()
            for template, operations in paths.items()
            if (template == request.url.path if segment is None else
                re.fullmatch(re.sub(r"\\\{[^}]+\\\}", segment, re.escape(template)), request.url.path))
            for method in operations
        }
        if methods:
            return sorted(methods)
    return []


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(NotFound)
    @app.exception_handler(UnknownQuery)
    async def not_found(_: Request, error: Exception) -> JSONResponse:
        return error_response(404, "not_found", error.args[0] if error.args else str(error))

    @app.exception_handler(BadParameter)
    @app.exception_handler(BadQueryParameter)
    async def bad_parameter(_: Request, error: ValueError) -> JSONResponse:
        # A router may wrap a Neo4j timeout in BadParameter; the timeout keeps its own status.
        if is_timeout(error.__cause__):
            return neo4j_error_response(error.__cause__)  # type: ignore[arg-type]
        return error_response(422, "bad_parameter", _one_line(str(error)))

    @app.exception_handler(OverflowError)
    async def overflow(_: Request, error: OverflowError) -> JSONResponse:
        # The driver cannot pack integers beyond 64 bits (e.g. in /cypher parameters).
        return error_response(422, "bad_parameter", f"a number is too large for Neo4j (64 bits at most): {error}")

    @app.exception_handler(Forbidden)
    async def forbidden(_: Request, error: Forbidden) -> JSONResponse:
        return error_response(403, "forbidden", str(error))

    @app.exception_handler(Unauthorized)
    async def unauthorized(_: Request, error: Unauthorized) -> JSONResponse:
        return error_response(401, "unauthorized", str(error), headers={"WWW-Authenticate": "Bearer"})

    @app.exception_handler(QueryTimeout)
    async def query_timeout(_: Request, error: QueryTimeout) -> JSONResponse:
        return error_response(504, "query_timeout", str(error) or "the query ran past its time limit")

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_: Request, error: RequestValidationError) -> JSONResponse:
        return error_response(422, "bad_parameter", _validation_message(list(error.errors())))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> JSONResponse:
        if error.status_code == 400 and error.__cause__ is not None:
            # FastAPI's "There was an error parsing the body" (e.g. a body that is not UTF-8): like
            # any body that is not JSON, a 422 saying why.
            reason = _one_line(str(error.__cause__))[:200]
            return error_response(422, "bad_parameter", f"the request body is not valid JSON: {reason}")
        kind = _HTTP_KINDS.get(error.status_code, "http_error")
        headers = error.headers
        if error.status_code == 405:  # Starlette names only the first route's methods for a shared path
            headers = {**(headers or {}), "Allow": ", ".join(_allowed_methods(request))}
        return error_response(error.status_code, kind, str(error.detail), headers=headers)

    @app.exception_handler(StoreUnavailable)
    @app.exception_handler(ServiceUnavailable)
    @app.exception_handler(SessionExpired)
    async def store_unavailable(_: Request, error: Exception) -> JSONResponse:
        return error_response(503, "neo4j_unavailable", str(error) or "Neo4j is not reachable")

    @app.exception_handler(Neo4jError)
    async def neo4j_error(_: Request, error: Neo4jError) -> JSONResponse:
        return neo4j_error_response(error)

    @app.exception_handler(Exception)
    async def unexpected(_: Request, error: Exception) -> JSONResponse:
        log.exception("unhandled error")
        return error_response(500, "internal_error", type(error).__name__)
