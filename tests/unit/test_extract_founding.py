"""Joint unions the text reports founding, their leaders, and the members of an alliance of
unions (extract/founding.py, inference.formation / alliance-members), on invented articles."""

from __future__ import annotations

from tests.support.extraction import inferred_text

JOINT = "practice:joint-union-formation"
ALLIANCE = "practice:union-alliance"


def _inferred(text: str, title: str) -> list:
    return inferred_text(text, title, date="2023-05-10")


def _adopters(rels, practice: str, rule: str) -> dict[str, object]:
    """Head name → year of the inferred ADOPTS edges of `practice` made by `rule`."""
    return {r.head.name: r.props.get("year") for r in rels if str(r.tail) == practice and r.rule == rule}


def test_a_listed_founding_gives_every_joint_union_its_formation() -> None:
    title = "青禾县白鹭镇总工会 小微企业有了娘家"
    text = (title + "\n2021年，白鹭镇成立了青禾县白鹭镇竹编产业园联合工会、青禾县白鹭镇茶叶市场联合工会，"
            "把两百多家小微企业职工纳入组织。\n")
    founded = _adopters(_inferred(text, title), JOINT, "inference.formation")
    assert founded == {"青禾县白鹭镇竹编产业园联合工会": 2021, "青禾县白鹭镇茶叶市场联合工会": 2021}


def test_the_union_that_led_the_founding_adopts_it_but_not_the_guide() -> None:
    title = "青禾县白鹭镇总工会 抱团建会"
    text = (title + "\n在青禾县总工会指导下，青禾县白鹭镇总工会牵头组建了青禾县白鹭镇竹编行业工会联合会，"
            "覆盖竹编企业86家。\n")
    leaders = _adopters(_inferred(text, title), JOINT, "inference.formation-leader")
    assert "青禾县白鹭镇总工会" in leaders
    assert "青禾县总工会" not in leaders


def test_a_planned_founding_is_no_formation() -> None:
    title = "青禾县白鹭镇总工会 服务新业态"
    text = title + "\n下一步，青禾县白鹭镇总工会拟组建青禾县白鹭镇快递行业联合工会，覆盖快递网点。\n"
    rels = _inferred(text, title)
    assert not _adopters(rels, JOINT, "inference.formation")
    assert not _adopters(rels, JOINT, "inference.formation-leader")


def test_unions_that_form_an_alliance_are_its_members_and_take_its_founding_year() -> None:
    title = "青禾县山前工会协作联盟 抱团服务职工"
    text = (title + "\n2020年6月，在青禾县总工会指导下，青禾县白鹭镇总工会、青禾县石门镇总工会和"
            "青禾县竹编产业园联合工会签订协议，结成联盟。\n"
            "由青禾县白鹭镇总工会、青禾县石门镇总工会等组成的这一联盟，已服务职工两万人。\n")
    members = _adopters(_inferred(text, title), ALLIANCE, "inference.alliance-members")
    assert members == {"青禾县白鹭镇总工会": 2020, "青禾县石门镇总工会": 2020, "青禾县竹编产业园联合工会": 2020}


def test_a_volunteers_alliance_makes_no_members() -> None:
    title = "青禾县白鹭镇总工会 志愿服务"
    text = title + "\n青禾县白鹭镇总工会和青禾县石门镇总工会组建了职工志愿者联盟，开展送清凉活动。\n"
    assert not _adopters(_inferred(text, title), ALLIANCE, "inference.alliance-members")
