"""Provenance and confidence: every extracted relation names its rule, and the rule's confidence."""

from __future__ import annotations

import yaml

from graph_loader.extract import rule_name
from graph_loader.extract.rel_practices import adoptions
from graph_loader.reference.lexicon import DATA_DIR, rule_confidence
from tests.support.extraction import extract_text

TEXT = (
    "台州市椒江区星光小镇工会联合会 服务职工\n"
    "小镇工会联合会开设职工学堂,开展技能比武。小镇党委书记、工会联合会主席李明华说,工会要更有活力。\n"
)


def _extract(text: str):
    return extract_text(text, date="2021-05-01")


def test_every_relation_names_a_rule_and_a_confidence_in_the_unit_interval() -> None:
    relations = _extract(TEXT).relations
    assert relations
    for relation in relations:
        assert relation.props["rule"], relation
        assert 0.0 <= relation.props["confidence"] <= 1.0
        assert relation.props["confidence"] == rule_confidence(relation.props["rule"])


def test_a_family_without_rule_names_of_its_own_gets_its_qualified_name() -> None:
    assert rule_name(adoptions) == "rel_practices.adoptions"


def test_unmeasured_rules_get_the_default_and_measured_ones_their_value() -> None:
    data = yaml.safe_load((DATA_DIR / "rules.yaml").read_text(encoding="utf-8"))
    assert rule_confidence("no-such.rule") == float(data["default"])
    for rule, value in data.get("confidence", {}).items():
        assert rule_confidence(rule) == float(value)
        assert 0.0 <= float(value) <= 1.0
