"""Researchers' corrections as typed records: what a line of the curation log holds.

Why records of their own: a correction outlives every extraction — it is read back at each build
and applied to whatever the extractor produced that time — so it names its target the way the
graph shows it (entity keys such as `union-organization/某某工会`, relationship types, practice keys
such as `practice/craftsman-school`), never by a position in one extraction's output.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace
from typing import Any

# kind → the fields it needs (besides id, author, time, reason)
KINDS: dict[str, tuple[str, ...]] = {
    "reject-edge": ("edge",),
    "confirm-edge": ("edge",),
    "add-edge": ("edge", "doc_id", "quote"),
    "set-year": ("edge", "year"),
    "merge-entities": ("entity", "into"),
    "split-alias": ("entity", "name"),
    "rename-entity": ("entity", "name"),
    "not-an-entity": ("entity",),
    "revert": ("reverts",),
}
EXTRACTED = "extracted"  # the status of a node or edge no correction touched (set by the writer)
MAX_TEXT = 2000  # a reason, a quote or a name longer than this is not a correction but a paste
_TEXT_FIELDS = ("entity", "into", "name", "doc_id", "quote", "reverts")  # when given: non-empty, stripped
_KEY = re.compile(r"^[a-z][a-z-]*/\S.*$")
_REL_TYPE = re.compile(r"^[A-Z][A-Z_]*$")


class CorrectionError(ValueError):
    """A correction that cannot be recorded as given; the message names the field."""


@dataclass(frozen=True)
class EdgeTarget:
    """An edge as the graph keys it: head key, relationship type, tail key."""

    head: str
    type: str
    tail: str

    @property
    def key(self) -> str:
        return f"{self.head}|{self.type}|{self.tail}"


@dataclass(frozen=True)
class Correction:
    """One line of the log. `time` is ISO 8601 UTC; `author` the name of the token that wrote it."""

    id: str
    author: str
    time: str
    kind: str
    reason: str = ""
    edge: EdgeTarget | None = None
    entity: str | None = None  # the entity corrected (merge: the one merged away)
    into: str | None = None  # merge-entities: the entity that stays
    name: str | None = None  # rename-entity: the new name; split-alias: the alias to split off
    year: int | None = None  # set-year
    doc_id: str | None = None  # add-edge: the cited document …
    quote: str | None = None  # … and the words quoted from it, verbatim
    reverts: str | None = None  # revert: the id of the correction undone

    def to_json(self) -> dict[str, Any]:
        return {name: value for name, value in asdict(self).items() if value is not None}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Correction:
        """Checked: a malformed entry raises CorrectionError naming the field."""
        if not isinstance(data, dict):
            raise CorrectionError("a correction is a JSON object")
        unknown = set(data) - set(cls.__dataclass_fields__)
        if unknown:
            raise CorrectionError(f"unknown field(s): {', '.join(sorted(unknown))}")
        edge = data.get("edge")
        if edge is not None:
            if not isinstance(edge, dict) or set(edge) != {"head", "type", "tail"}:
                raise CorrectionError("edge: needs exactly head, type and tail")
            edge = EdgeTarget(**{k: _text(f"edge.{k}", v) for k, v in edge.items()})
        fields = {name: data.get(name) for name in cls.__dataclass_fields__ if name != "edge"}
        for name in ("id", "author", "time", "kind"):
            fields[name] = _text(name, fields[name])
        for name in ("reason", "entity", "into", "name", "doc_id", "quote", "reverts"):
            if fields[name] is not None:
                fields[name] = _text(name, fields[name], allow_empty=name == "reason")
        fields["reason"] = fields["reason"] or ""
        if fields["year"] is not None and (isinstance(fields["year"], bool) or not isinstance(fields["year"], int)):
            raise CorrectionError("year: must be a whole number")
        return check(cls(edge=edge, **fields))


def check(correction: Correction) -> Correction:
    """The correction itself, when its kind has what it needs and every value has its form."""
    needed = KINDS.get(correction.kind)
    if needed is None:
        raise CorrectionError(f"kind: unknown {correction.kind!r}; one of {', '.join(KINDS)}")
    texts = {name: getattr(correction, name) for name in _TEXT_FIELDS if getattr(correction, name) is not None}
    correction = replace(correction, **{name: _text(name, value) for name, value in texts.items()})
    missing = [name for name in needed if getattr(correction, name) is None]
    if missing:
        raise CorrectionError(f"{correction.kind} needs {', '.join(missing)}")
    if correction.edge is not None:
        if not _KEY.match(correction.edge.head) or not _KEY.match(correction.edge.tail):
            raise CorrectionError("edge: head and tail are keys such as union-organization/… or practice/…")
        if not _REL_TYPE.match(correction.edge.type):
            raise CorrectionError(f"edge.type: not a relationship type: {correction.edge.type!r}")
    for name in ("entity", "into"):
        value = getattr(correction, name)
        if value is not None and not _KEY.match(value):
            raise CorrectionError(f"{name}: not an entity key such as union-organization/…: {value!r}")
    if correction.year is not None and not 1900 <= correction.year <= 2100:
        raise CorrectionError(f"year: {correction.year} is outside 1900..2100")
    if correction.kind == "merge-entities" and correction.entity == correction.into:
        raise CorrectionError("merge-entities: an entity cannot be merged into itself")
    return correction


def _text(name: str, value: Any, allow_empty: bool = False) -> str:
    if not isinstance(value, str) or (not value.strip() and not allow_empty):
        raise CorrectionError(f"{name}: must be a non-empty string")
    if len(value) > MAX_TEXT:
        raise CorrectionError(f"{name}: longer than {MAX_TEXT} characters")
    return value.strip()


@dataclass(frozen=True)
class Conflict:
    """A correction that could not be applied to this build's graph, and why (it stays in the log)."""

    correction: Correction
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"correction": self.correction.to_json(), "reason": self.reason}
