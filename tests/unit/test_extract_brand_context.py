"""Brands defined by their context (counted venues, defining sentences) on invented sentences."""

from __future__ import annotations

from graph_loader.extract.brand_context import counted_venue, defined_brand
from graph_loader.extract.brands import find_brands
from tests.support.extraction import extract_text


def _names(text: str) -> set[str]:
    return {m.surface for m in find_brands(text)}


def test_built_and_counted_venues_are_brands() -> None:
    text = "县总工会依托加油站和社区服务站,陆续建成“莫干歇脚屋檐”36个,环卫工人可随时进站休息。"
    assert "莫干歇脚屋檐" in _names(text)
    quote = text.index("“")
    assert counted_venue(text, quote, text.index("”") + 1)


def test_a_measure_word_introduces_a_venue() -> None:
    text = "中午,骑手推门走进一间“橘乡暖窝”,热饭、充电。"
    assert "橘乡暖窝" in _names(text)


def test_counted_posts_after_a_launch_verb_are_not_venues() -> None:
    text = "街道工会已累计推出“爱心岗位”30个。"
    assert not counted_venue(text, text.index("“"), text.index("”") + 1)


def test_a_defining_sentence_makes_even_a_practice_word_a_brand() -> None:
    text = "“职工课堂”是德清县总工会推出的技能提升品牌,每月开课两次。"
    assert defined_brand(text, 0, text.index("”") + 1)
    assert "职工课堂" in _names(text)


def test_launching_a_motto_as_a_brand_is_not_enough() -> None:
    text = "园区工会积极打造“幸福园区”品牌,营造良好氛围。"
    quote = (text.index("“"), text.index("”") + 1)
    assert not defined_brand(text, *quote, venue_like=False)
    assert defined_brand("工会推出“职工课堂”提能项目。", 4, 10, venue_like=True)


def test_new_venue_nouns_and_developers() -> None:
    text = "厂区设立“班组恳谈角”,车间开办“车间夜校”,管委会开发的“薪易码”按三色亮码。"
    assert {"班组恳谈角", "车间夜校", "薪易码"} <= _names(text)


def test_the_body_a_definition_names_owns_the_brand() -> None:
    """“X”是Y为…打造的服务品牌: Y operates X, even when another union is the paragraph's subject."""
    title = "青田县总工会 服务新业态"
    text = (f"{title}\n今年3月，青田县快递行业工会联合会正式成立。"
            "“骑手港湾”是青田县总工会为户外劳动者打造的服务品牌，目前已建成18个。\n")
    ops = {(r.head.label, r.tail.label) for r in extract_text(text, title, "2022-01-01").relations
           if r.type == "OPERATES"}
    assert ops == {("青田县总工会", "骑手港湾")}
