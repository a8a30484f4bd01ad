"""Adoption rule names per doer path, and the dating and context rules added for issue 13 (F3).

Every sentence here is invented for the test (the units are fictional)."""

from __future__ import annotations

from graph_loader.extract.cue_context import CueContext
from graph_loader.extract.practice_frames import find_frames
from graph_loader.text.dates import adoption_date, find_dates
from tests.support.extraction import extract_text


def _adopts(text: str, title: str, date: str = "2022-06-30") -> dict[str, dict]:
    ex = extract_text(text, title, date)
    return {r.tail.label: r.props for r in ex.relations if r.type == "ADOPTS"}


def _year(sentence: str, cue: str, date: str = "2018-12-10") -> str | None:
    found = adoption_date(sentence, sentence.index(cue), date)
    return found.value[:4] if found else None


def test_an_adoption_names_the_path_that_chose_its_doer() -> None:
    title = "青溪县云梯小镇工会联合会 服务到车间"
    text = title + "\n云梯小镇工会联合会开展职工技能培训，全年培训焊工300人。\n还组织职工志愿服务队走进社区。\n"
    found = _adopts(text, title)
    assert found["practice:skills-training"]["rule"] == "adoptions.subject"
    assert found["practice:volunteer-service"]["rule"] in {"adoptions.topic", "adoptions.headline"}


def test_a_union_that_only_qualifies_a_post_adopts_nothing() -> None:
    title = "青溪县云梯小镇工会联合会 服务到车间"
    text = title + "\n2015年至2019年，他任青溪县石门镇总工会专职副主席。\n"
    found = _adopts(text, title)
    assert "practice:professional-union-workers" not in found


def test_a_year_split_by_a_stray_space_is_read() -> None:
    assert [m.value for m in find_dates("20 20年起，区总工会每年开展入会集中月。")] == ["2020"]
    assert [m.value for m in find_dates("在 2019 年5月召开")] == ["2019-05"]
    assert find_dates("会员1 2020人") == []  # digits of a count, no 年


def test_a_date_of_a_selection_does_not_date_a_later_practice() -> None:
    sentence = "今年年初，青溪园区被列入市级群团改革试点单位，园区树立起“大群团”工作理念。"
    assert _year(sentence, "大群团") is None
    # a date after the cue that the body was selected in is the selection's
    assert _year("青溪工匠创新联盟入选今年全省产改试点项目。", "联盟") is None
    # a plain start date still dates it
    assert _year("今年3月，青溪园区工会树立起“大群团”工作理念。", "大群团") == "2018"


def test_a_staffing_clause_after_a_founding_keeps_the_date() -> None:
    sentence = "今年7月，组建小镇工会联合会，同时成立经审委员会，推选1名专职副主席。"
    assert _year(sentence, "专职副主席") == "2018"
    sentence = "2017年以来，广场陆续成立了工会、团委等组织，制订联席会议制度。"
    assert _year(sentence, "联席会议") == "2017"
    # a clause of its own without an act at that date is not dated by the founding
    assert _year("去年底，小镇工会联合会成立，以立功竞赛为主线。", "立功竞赛") is None


def test_attending_a_meeting_and_a_post_are_not_the_practice() -> None:
    text = "5月，赴外地参加了全省特色小镇立功竞赛现场推进会。"
    start = text.index("立功竞赛")
    assert CueContext.of(text).blocks(start, start + 4, "labour-emulation") == "passing"
    text = "同时配有工资集体协商指导员1人。"
    start = text.index("工资集体协商")
    assert CueContext.of(text).blocks(start, start + 6, "collective-wage-bargaining") == "host-word"


def test_unions_that_form_an_alliance() -> None:
    assert "union-alliance" in {m.practice for m in find_frames("去年6月，三家楼宇工会签订协议，结成联盟。")}
    assert "union-alliance" not in {m.practice for m in find_frames("小镇工会组建了志愿者联盟。")}


def test_an_agent_named_after_the_fact_does_it() -> None:
    title = "青溪县云梯小镇工会联合会 服务到车间"
    text = title + "\n企业欠薪预警这块由青溪县石门镇总工会牵头，按月排查工资支付。\n"
    found = _extract_heads(text, title)
    assert found["practice:wage-arrears-prevention"] == ("青溪县石门镇总工会", "adoptions.agent")


def _extract_heads(text: str, title: str, date: str = "2022-06-30") -> dict[str, tuple[str, str]]:
    ex = extract_text(text, title, date)
    return {r.tail.label: (r.head.label, r.props.get("rule", "")) for r in ex.relations if r.type == "ADOPTS"}
