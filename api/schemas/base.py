"""The base of the API's response models (api.schemas): order-keeping rows, errors and pages.

Routers declare the models, so /openapi.json is generated from code.

Why every model derives from `Row`: the answers are Neo4j rows and analytics dicts, and the models
must describe them without changing them. `Row` keeps fields it does not declare (extra="allow"),
adds none (declared fields have no defaults, so a missing key is an error, not a silent null) and
serialises keys in the order the row had them — the JSON stays what the query returned.
Numbers that may be integral in one answer and fractional in another are `Number`, never `float`
(pydantic would turn 1 into 1.0).
"""

from __future__ import annotations

from typing import Annotated, Any, Generic, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    PrivateAttr,
    SerializerFunctionWrapHandler,
    ValidatorFunctionWrapHandler,
    WithJsonSchema,
    model_serializer,
    model_validator,
)

Number = Annotated[int | float, WithJsonSchema({"type": "number"})]
Item = TypeVar("Item")


class Row(BaseModel):
    """A JSON object that keeps its key order and any keys a model does not declare."""

    model_config = ConfigDict(extra="allow")
    _order: tuple[str, ...] = PrivateAttr(default=())

    @model_validator(mode="wrap")
    @classmethod
    def _remember_order(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        made = handler(data)
        if isinstance(data, dict):
            made._order = tuple(data)
        return made

    # No return annotation on purpose: pydantic would take it as the serialised schema and /openapi.json
    # would show `{}` instead of the model's fields.
    @model_serializer(mode="wrap")
    def _keep_order(self, handler: SerializerFunctionWrapHandler):
        out = handler(self)
        if not self._order or not isinstance(out, dict):
            return out
        ordered = {key: out[key] for key in self._order if key in out}
        return {**ordered, **{key: value for key, value in out.items() if key not in ordered}}


def examples(*shown: dict[str, Any]) -> ConfigDict:
    return ConfigDict(extra="allow", json_schema_extra={"examples": list(shown)})


# --- errors ------------------------------------------------------------------------------------


class Error(Row):
    """Every error answer (api.errors): a machine-readable kind and a message for people."""

    model_config = examples({"error": "not_found", "detail": "no entity with key 'person/nobody'"})
    error: str
    detail: str


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` for the error statuses a route can answer, all shaped as Error.

    A route that reads Neo4j (503) can also time out (504), so 503 brings 504 along."""
    meaning = {
        401: "`unauthorized`: no bearer token, or one the API does not know (`ukg token create NAME`)",
        403: "`forbidden`: the query would write or administer, or the token is revoked",
        404: "`not_found`: no such id, name or key",
        413: "`payload_too_large`: the request body is over 1 MB",
        422: "`bad_parameter`: a parameter is unknown, missing, of the wrong type or out of its bounds, "
        "the body is not JSON, or Neo4j refused the query (its message is the detail)",
        503: "`neo4j_unavailable`: Neo4j is not reachable; `neo4j_error`: Neo4j failed the query",
        429: "`too_many_requests`: too many queries of this kind are running; retry later",
        504: "`query_timeout`: the query ran past its time limit",
    }
    wanted = [*statuses, *([504] if 503 in statuses and 504 not in statuses else [])]
    return {status: {"model": Error, "description": meaning[status]} for status in wanted}


def page_error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The same for a route whose answer is an HTML page: a `model` would be filed under text/html,
    while error answers are JSON, so the content is spelled out (Error is registered by the JSON routes)."""
    return {
        status: {
            "description": entry["description"],
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        }
        for status, entry in error_responses(*statuses).items()
    }


class Page(Row, Generic[Item]):
    """One page of a longer answer: `total` counts every match, `items` holds at most `limit`."""

    total: int
    limit: int
    offset: int
    items: list[Item]
