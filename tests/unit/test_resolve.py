"""Canonical names, prefixes, the place hierarchy and the document-wide merge."""

from __future__ import annotations

from graph_loader.extract.naming import expand_prefix
from graph_loader.records import Article, ArticleExtraction, ConceptRef, Entity, EntityRef, Relation
from graph_loader.reference.gazetteer import gazetteer
from graph_loader.resolve import merge_corpus, unify_corpus, unify_document


def test_prefix_parsing():
    county, city, used = gazetteer().parse_prefix("杭州市余杭区梦想小镇")
    assert (county.name, city.name, used) == ("杭州市余杭区", "杭州市", 6)
    county, city, used = gazetteer().parse_prefix("浦江水晶产业园区")
    assert county.name == "浦江县" and city.name == "金华市"
    county, _, _ = gazetteer().parse_prefix("江干区钱塘智慧城")  # a 2018 district name
    assert county.name == "杭州市江干区"


def test_expand_prefix():
    assert expand_prefix("西湖区总工会", None) == "杭州市西湖区总工会"
    assert expand_prefix("宁波工会", None) == "宁波市总工会"
    assert expand_prefix("景宁县总工会", None) == "景宁畲族自治县总工会"


def _ex(entities, relations=()):
    article = Article("d", 0, "t", "", 0, 0, 0, 0, "2018")
    return ArticleExtraction(article, list(entities), list(relations))


UNION = "UnionOrganization"


def test_unify_document_merges_short_forms_into_prefixed_name():
    full = "杭州市余杭区梦想小镇工会联合委员会"
    short = "梦想小镇工会联合委员会"
    a = _ex([Entity(UNION, full)])
    adopts = Relation("ADOPTS", EntityRef(UNION, short), ConceptRef("practice", "workers-home"))
    b = _ex([Entity(UNION, short)], [adopts])
    _, b2 = unify_document([a, b])
    assert b2.entities[0].name == full and short in b2.entities[0].aliases
    assert b2.relations[0].head == EntityRef(UNION, full)
    # pure: the records given are unchanged
    assert b.entities[0].name == short and b.relations[0].head == EntityRef(UNION, short)


def test_unify_corpus_renames_prefix_variants_and_their_edges():
    short, full = "浦江水晶产业园区总工会", "浦江县水晶产业园区总工会"
    a = _ex([Entity(UNION, short)], [Relation("ADOPTS", EntityRef(UNION, short), ConceptRef("practice", "x"))])
    b = _ex([Entity(UNION, full)])
    a2, b2 = unify_corpus([a, b])
    assert a2.entities[0].name == full and a2.entities[0].aliases == [short]
    assert a2.relations[0].head == EntityRef(UNION, full)
    assert a.entities[0].name == short
    entities, relations = merge_corpus([a2, b2])
    assert [e.name for e in entities if e.type == UNION] == [full]


def test_merge_corpus_adds_place_hierarchy():
    carrier = Entity("Carrier", "杭州市余杭区梦想小镇", props={"county": "杭州市余杭区", "city": "杭州市"})
    entities, relations = merge_corpus([_ex([carrier]), _ex([carrier])])
    assert sum(e.name == "杭州市余杭区梦想小镇" for e in entities) == 1
    located = {(r.head.name, r.tail.name) for r in relations if r.type == "LOCATED_IN"}
    chain = {("杭州市余杭区梦想小镇", "杭州市余杭区"), ("杭州市余杭区", "杭州市"), ("杭州市", "浙江省")}
    assert chain <= located
