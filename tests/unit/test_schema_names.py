"""No schema name is written by hand outside the ontology: every label and relationship type that
the Cypher files and the stage code use must exist in it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from ontology.model import get_ontology

ROOT = Path(__file__).resolve().parents[2]
# `(n:Label`, `:Label|Other`, `-[r:TYPE]->`, `[:A|B]`; slots ({{type}}) and $(…) are not names
_NODE_LABELS = re.compile(r"\(\s*\w*\s*:\s*([A-Z]\w*(?:\s*\|\s*[A-Z]\w*)*)")
_REL_TYPES = re.compile(r"\[\s*\w*\s*:\s*([A-Z_][A-Z_|\s]*)[\s\]*{]")
_LABEL_PREDICATE = re.compile(r"\b\w+:(?P<label>[A-Z][a-zA-Z]+)\b")


def _cypher_files() -> list[Path]:
    return sorted((ROOT / "queries").rglob("*.cypher"))


def _strip_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))


def test_cypher_labels_and_types_exist_in_the_ontology() -> None:
    ont = get_ontology()
    files = _cypher_files()
    assert len(files) > 20
    unknown = []
    for path in files:
        text = _strip_comments(path.read_text(encoding="utf-8"))
        for group in _NODE_LABELS.findall(text):
            for label in re.split(r"\s*\|\s*", group):
                if label not in ont.classes:
                    unknown.append((path.name, "label", label))
        for group in _REL_TYPES.findall(text):
            for rel_type in re.split(r"\s*\|\s*", group.strip()):
                if rel_type and rel_type not in ont.relations:
                    unknown.append((path.name, "type", rel_type))
        outside_relationships = re.sub(r"\[[^\]]*\]", " ", text)
        for match in _LABEL_PREDICATE.finditer(outside_relationships):  # WHERE n:Carrier, x:Entity
            if match["label"] not in ont.classes:
                unknown.append((path.name, "label", match["label"]))
    assert unknown == []


def test_stage_code_passes_schema_names_through_the_facade() -> None:
    """Calls `label("X")` / `rel("Y")` / `labels_for("X")` in Python code name real ontology terms."""
    ont = get_ontology()
    checked = 0
    for folder in ("ukg", "graph_loader", "api", "visualizations", "analytics"):
        for path in (ROOT / folder).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr in {"label", "rel", "labels_for", "is_a"}
                    and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)
                ):
                    name = node.args[0].value
                    known = name in ont.classes if node.func.attr != "rel" else name in ont.relations
                    assert known, f"{path.relative_to(ROOT)}:{node.lineno} names {name!r}, not in the ontology"
                    checked += 1
    assert checked > 10
