"""The entity view's add-edge form without Neo4j: which relationship types it offers (from the
ontology's domains and ranges), the tail hint, and that it posts through the one shared client.
The form in a browser, across a rebuild: tests/browser/test_curation_flow.py."""

from __future__ import annotations

import re

from ontology.model import get_ontology
from visualizations.curate_panel import addable_types
from visualizations.model import Links, ViewGraph, ViewNode
from visualizations.render import render_view

UNION = "union-organization/青禾县白鹭镇工会"
UNION_LABELS = ["Entity", "Organization", "UnionOrganization"]


def entity_graph(labels: list[str]) -> ViewGraph:
    node = ViewNode.from_row({"key": UNION, "name": "青禾县白鹭镇工会", "labels": labels}, focus=True)
    return ViewGraph(view="entity", title="青禾县白鹭镇工会", nodes=[node], params={"key": UNION}).finish()


def test_a_union_may_start_adopts_but_not_a_persons_edge_nor_one_to_an_article() -> None:
    offered = {choice.type: choice for choice in addable_types(UNION_LABELS)}
    assert offered["ADOPTS"].tail_hint == "practice/…" and "ADOPTS" in offered["ADOPTS"].label
    assert "union-organization/…" in offered["SUB_ORGANIZATION_OF"].tail_hint  # any organisation below Organization
    assert "HOLDS_POSITION" not in offered  # a person's edge (domain Person)
    assert "MENTIONED_IN" not in offered  # its tail is an article, a record without a key to type
    ont = get_ontology()
    assert all(set(UNION_LABELS) & set(ont.relations[name].domain) for name in offered)
    assert list(offered) == sorted(offered)


def test_a_person_gets_holds_position_and_no_adopts() -> None:
    offered = [choice.type for choice in addable_types(["Entity", "Person"])]
    assert "HOLDS_POSITION" in offered and "ADOPTS" not in offered


def test_the_entity_view_renders_the_form_and_posts_add_edge_through_the_shared_client() -> None:
    page = render_view(entity_graph(UNION_LABELS), Links())
    options = re.findall(r'<option value="([A-Z_]+)" data-tail="([^"]+)">', page)
    assert ("ADOPTS", "practice/…") in options and len(options) == len(addable_types(UNION_LABELS))
    for control in ("ukg-add-tail", "ukg-add-doc", "ukg-add-quote", "ukg-add-reason", "ukg-add"):
        assert f'id="{control}"' in page
    assert 'kind: "add-edge"' in page and "window.ukgCuration.send({" in page
    assert page.count("window.ukgCuration =") == 1  # the token handling stays in one place
    assert page.count('method: "DELETE"') == 1  # the shared client also reverts
    assert "ukg-add-edge" not in render_view(entity_graph(UNION_LABELS), Links("http://x"), standalone=True)
    other = ViewGraph(view="practice", title="职工书屋", params={"practice": "x"}).finish()
    assert "ukg-add-edge" not in render_view(other)
