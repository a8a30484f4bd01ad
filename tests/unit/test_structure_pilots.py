"""Pilots, coverage, sub-organisations and short firm unions in posts (struct helper rules).

Every sentence here is made up for the test; the units are invented, the counties are real
places that no corpus or gold text mentions.
"""

from __future__ import annotations

from graph_loader.extract.carriers import find_carriers
from tests.support.extraction import extract_text


def _rels(text: str, rtype: str, title: str | None = None) -> set[tuple[str, str]]:
    ex = extract_text(text, title, "2021-06-01")
    return {(r.head.label, r.tail.label) for r in ex.relations if r.type == rtype}


PILOT = "program:mass-org-reform-pilot"


def test_a_union_named_after_its_carrier_is_the_pilot_unit() -> None:
    text = ("云和县白鹭小镇总工会 聚力改革\n\n"
            "云和县白鹭小镇总工会大胆探索，以“增三性”为目标推进群团改革试点工作，成效初显。")
    pilots = _rels(text, "PARTICIPATES_IN")
    assert ("云和县白鹭小镇总工会", PILOT) in pilots
    assert ("云和县白鹭小镇", PILOT) not in pilots


def test_a_carrier_written_before_a_union_pilot_cue_gives_the_union_named_after_it() -> None:
    text = ("云和县青枫商圈工会 服务暖人心\n\n"
            "云和县石溪街道总工会在辖区开展青枫商圈工会改革试点工作，覆盖商户300余家。")
    pilots = _rels(text, "PARTICIPATES_IN")
    assert ("云和县青枫商圈工会", PILOT) in pilots
    assert ("云和县石溪街道总工会", PILOT) not in pilots


def test_a_bare_town_before_the_cue_is_the_article_carrier() -> None:
    text = ("云和县白鹭小镇工会联合会 党工合力\n\n"
            "镇里建立由镇党委副书记任组长、镇工会参与的领导小组。\n\n"
            "领导小组负责小镇群团改革试点工作的总体谋划。")
    pilots = _rels(text, "PARTICIPATES_IN")
    assert ("云和县白鹭小镇", PILOT) in pilots
    assert ("云和县白鹭小镇工会联合会", PILOT) not in pilots


def test_a_bare_town_as_the_clause_subject_is_the_article_carrier() -> None:
    text = ("云和县白鹭小镇工会 群团新气象\n\n"
            "作为区级群团改革试点之一，经过前期筹备，小镇正式成立工会、团委、妇联等组织。")
    assert ("云和县白鹭小镇", PILOT) in _rels(text, "PARTICIPATES_IN")


def test_an_alliance_and_a_union_of_a_part_cover_no_carrier() -> None:
    text = ("遂昌县金竹商务区楼宇工会联盟 抱团服务\n\n"
            "遂昌县金竹商务区楼宇工会联盟由五家楼宇工会组成。"
            "遂昌县金竹小镇生活街区联合工会服务街区商户。遂昌县金竹小镇工会联合会服务全镇企业。")
    covers = _rels(text, "COVERS")
    assert ("遂昌县金竹商务区楼宇工会联盟", "遂昌县金竹商务区") not in covers
    assert ("遂昌县金竹小镇生活街区联合工会", "遂昌县金竹小镇") not in covers
    assert ("遂昌县金竹小镇工会联合会", "遂昌县金竹小镇") in covers


def test_counted_unions_before_a_parent_are_its_children() -> None:
    text = ("遂昌县金竹商务区工会联合会 一楼一品\n\n"
            "去年，遂昌县金竹商务区工会联合会发起，明辉大厦楼宇联合工会、汇川中心楼宇联合工会和"
            "遂昌县远帆软件有限公司工会结成联盟。两家楼宇联合工会均隶属商务区工会联合会，远帆软件工会则入盟。")
    subs = _rels(text, "SUB_ORGANIZATION_OF")
    parent = "遂昌县金竹商务区工会联合会"
    assert {("明辉大厦楼宇联合工会", parent), ("汇川中心楼宇联合工会", parent)} <= subs
    assert ("遂昌县远帆软件有限公司工会", parent) not in subs


def test_a_firm_union_written_without_its_company_words_holds_the_post() -> None:
    text = ("青田县纺织行业工匠联盟成立\n\n"
            "联盟由青田县明远纺织有限公司工会、青田县华泰机械有限公司工会共同发起。"
            "联盟实行理事会制，华泰机械工会主席柏晓梅任秘书长。")
    posts = _rels(text, "HOLDS_POSITION")
    assert ("柏晓梅", "青田县华泰机械有限公司工会") in posts


def test_a_place_inside_a_verb_tail_starts_the_carrier() -> None:
    found = {m.surface for m in find_carriers("由区总工会牵头，2020年组建起云和县特种纸产业园联合工会。")}
    assert "云和县特种纸产业园" in found


def test_a_short_union_named_after_a_carrier_covers_it() -> None:
    text = ("韦立群：园区越“智造”，工会越要“贴心”\n\n"
            "【人物名片】韦立群，现任云和县瓯江经济开发区党工委委员，兼任开发区总工会主席。\n"
            "瓯江经济开发区有规上企业86家。开发区总工会去年建起职工服务中心。")
    covers = _rels(text, "COVERS")
    assert ("云和县瓯江经济开发区总工会", "云和县瓯江经济开发区") in covers


def test_a_counted_batch_of_pilots_is_no_named_units_participation() -> None:
    """`在总结A先行试点经验的基础上，…确定了288家群团改革试点`: the batch clause names no unit, so
    the unit of the background phrase does not get the batch's selection (nor its year)."""
    background = "2018年初，省委在总结青田县侨乡小镇群团改革先行试点经验的基础上，在全省确定了288家群团改革试点"
    years = {text: [r.props.get("year") for r in extract_text(text, "", "2018-12-10").relations
                    if r.type == "PARTICIPATES_IN" and r.head.label == "青田县侨乡小镇"]
             for text in (background + "。\n", background + "，侨乡小镇名列其中。\n")}
    assert years[background + "。\n"] == [None], "the background unit keeps its own pilot, undated"
    assert years[background + "，侨乡小镇名列其中。\n"] == [2018], "a unit named in the batch is selected"
