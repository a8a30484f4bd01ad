"""Reference data has one owner: the CJK class, the union suffixes and the city list.

Why: copies of these drifted apart before (six union suffix lists, 26 CJK ranges), so the tests
below fail as soon as a copy reappears outside graph_loader/reference, and check that the derived
forms (regex class and code-point test, suffix subsets, unit-name starts) agree with the data.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

from graph_loader.reference.charclass import CJK_BLOCKS, CJK_CHAR, NAME_CHAR_RE, is_cjk
from graph_loader.reference.gazetteer import gazetteer
from graph_loader.reference.lexicon import (
    heading_union_suffixes,
    load_data,
    short_union_suffixes,
    suffix_regex,
    union_suffix_forms,
    union_suffixes,
)
from graph_loader.text.headings import find_unit

PACKAGE = Path(__file__).resolve().parents[2] / "graph_loader"
REFERENCE = PACKAGE / "reference"

# A CJK range written out: an escape or a hex literal of a block edge, or the edge characters.
_EDGES = "|".join(f"{low:04x}|{high:04x}" for low, high in CJK_BLOCKS) + "|9fa5"
_RANGE_LITERAL = re.compile(rf"\\u(?:{_EDGES})|0x(?:{_EDGES})\b|[一㐀豈]-[龥鿿䶿﫿]", re.IGNORECASE)


ROOT = PACKAGE.parent
RUNTIME = ("ukg", "api", "visualizations", "analytics", "graph_loader", "queries", "ontology")


def _code_outside_reference() -> list[Path]:
    """Every runtime module but the reference package (the one owner of character classes)."""
    return sorted(p for name in RUNTIME for p in (ROOT / name).rglob("*.py") if REFERENCE not in p.parents)


def test_no_cjk_range_literal_outside_reference() -> None:
    found = [
        f"{path.relative_to(PACKAGE.parent)}:{number}: {line.strip()}"
        for path in _code_outside_reference()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if _RANGE_LITERAL.search(line)
    ]
    assert not found, "use graph_loader.reference.charclass instead:\n" + "\n".join(found)


def _suffix_tokens(source: str) -> set[str]:
    """Union suffixes written as whole string literals or regex alternatives in code."""
    words = "|".join(map(re.escape, union_suffixes()))
    return set(re.findall(rf"(?<=[\"'|(])({words})(?=[\"'|)])", source))


def test_union_suffixes_are_listed_only_in_the_data() -> None:
    found = {
        str(path.relative_to(PACKAGE.parent)): sorted(tokens)
        for path in _code_outside_reference()
        if len(tokens := _suffix_tokens(path.read_text(encoding="utf-8"))) >= 3
    }
    assert not found, f"use graph_loader.reference.lexicon.union_suffixes (or a subset of it): {found}"


def test_the_suffix_check_sees_a_copy() -> None:
    copy = 're.compile(r"(总工会|工会联合会|联合工会|工会)$")'
    assert _suffix_tokens(copy) == {"总工会", "工会联合会", "联合工会", "工会"}
    assert _suffix_tokens("(总工会, 工会联合会) in a docstring") == set()


_OURS = ("ukg", "api", "visualizations", "analytics", "graph_loader", "queries", "ontology")


def _imported_modules(node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.ImportFrom):
        return ["." if node.level else (node.module or "")]
    return [alias.name for alias in node.names]


def test_no_import_of_ours_inside_a_function_in_graph_loader() -> None:
    """An import of our own code inside a function is how a cycle hides from the import contracts'
    reader; a third-party import deferred for start-up time (pyshacl) is not one."""
    found = [
        f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for function in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
        for node in ast.walk(function)
        if isinstance(node, ast.Import | ast.ImportFrom)
        and any(name == "." or name.split(".")[0] in _OURS for name in _imported_modules(node))
    ]
    assert not found, f"imports of our own modules inside functions (hidden cycles): {found}"


def test_code_point_test_and_regex_class_agree() -> None:
    disagree = [hex(code) for code in range(0x10000) if is_cjk(chr(code)) != bool(CJK_CHAR.fullmatch(chr(code)))]
    assert not disagree
    assert is_cjk("㐀") and is_cjk("工") and is_cjk("豈")
    assert not is_cjk("、") and not is_cjk("A") and not is_cjk("〇")


@pytest.mark.parametrize("char", ["工", "㐀", "A", "(", "（", "·", "-", "－"])
def test_name_characters(char: str) -> None:
    assert NAME_CHAR_RE.fullmatch(char)


@pytest.mark.parametrize("char", ["，", "、", " ", "1", "“"])
def test_not_name_characters(char: str) -> None:
    assert not NAME_CHAR_RE.fullmatch(char)


def test_union_suffix_subsets_come_from_the_one_list() -> None:
    table = load_data("organizations.yaml")["union_suffixes"]
    assert set(union_suffixes()) == set(table)
    assert [len(word) for word in union_suffixes()] == sorted((len(word) for word in table), reverse=True)
    for subset in (tuple(union_suffix_forms()), heading_union_suffixes(), short_union_suffixes()):
        assert subset and set(subset) <= set(union_suffixes())
        assert list(subset) == [word for word in union_suffixes() if word in subset]  # longest first
    assert "工会委员会" not in union_suffix_forms()  # the mention grammar reads it as …工会
    assert "工会联盟" not in heading_union_suffixes()


@pytest.mark.parametrize(("text", "suffix"), [("梦想小镇工会联合会", "工会联合会"), ("余杭区总工会", "总工会"),
                                              ("余杭区基层工会联合会", "基层工会联合会"), ("楼宇工会", "工会")])
def test_longest_union_suffix_wins(text: str, suffix: str) -> None:
    match = suffix_regex(union_suffixes()).search(text)
    assert match is not None and match.group() == suffix and match.end() == len(text)


def test_unit_names_in_titles_start_at_every_city() -> None:
    data = load_data("zhejiang_places.yaml")
    assert len(gazetteer().name_starts) == 1 + len(data["province_short"]) + len(data["cities"])
    for city in data["cities"]:
        assert find_unit(f"喜讯{city}总工会") == f"{city}总工会"
        assert find_unit(f"干货满满{city}西湖区总工会") == f"{city}西湖区总工会"


def test_reference_data_files_have_no_duplicate_keys() -> None:
    """YAML keeps the last of two equal keys silently: a second `skills-training:` in the frames
    file would drop the first one's frames. Every data file is parsed with a loader that refuses."""
    class StrictLoader(yaml.SafeLoader):
        pass

    def no_duplicates(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
        keys = [loader.construct_object(key, deep=deep) for key, _ in node.value]
        repeated = {k for k in keys if keys.count(k) > 1}
        assert not repeated, f"{node.start_mark.name}: duplicate keys {sorted(map(str, repeated))}"
        return yaml.SafeLoader.construct_mapping(loader, node, deep)

    StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, no_duplicates)
    data_dir = Path(__file__).resolve().parents[2] / "graph_loader" / "reference" / "data"
    files = sorted(data_dir.glob("*.yaml"))
    assert files
    for path in files:
        yaml.load(path.read_text(encoding="utf-8"), Loader=StrictLoader)
