"""Practices found by paraphrase frames, cue context checks and the dating of adoptions.

Every sentence here is invented for the test (the units are fictional)."""

from __future__ import annotations

import pytest

from graph_loader.extract.cue_context import CueContext
from graph_loader.extract.practice_frames import find_frames
from graph_loader.records import Article, NormalizedDocument, SourceDocument
from tests.support.extraction import extract_text


def practices(text: str) -> set[str]:
    return {m.practice for m in find_frames(text)}


@pytest.mark.parametrize(
    ("sentence", "practice"),
    [
        ("环卫工人在这里能歇脚、喝水，还能给手机充电。", "rest-station"),
        ("骑手们扫描二维码、填写资料，半天就有80人成为工会会员。", "online-enrollment"),
        ("一名老师傅带两名徒弟，双方签订帮带协议。", "apprenticeship"),
        ("夜校由劳模和技师轮流授课，讲解焊接技术。", "craftsman-school"),
        ("全年开展电工、焊工培训12期，参训职工900余人次。", "skills-training"),
        ("镇总工会每年评选一次“青溪工匠”。", "craftsman-selection"),
        ("调解室今年已调解劳动纠纷35起。", "dispute-mediation"),
        ("让劳资纠纷化解在车间。", "dispute-mediation"),
        ("32名选手同台比拼电焊技术。", "skills-competition"),
        ("推动企业把技能等级与薪酬挂钩。", "skill-linked-pay"),
        ("组织行业企业方和职工方坐下来谈工资。", "collective-wage-bargaining"),
        ("在二楼辟出一间哺乳室，配有冰箱和护理床。", "mothers-room"),
        ("为辖区职工提供法律法规咨询和劳动争议调处。", "legal-aid"),
        ("组织端午包粽子等趣味活动，还举办红歌赛。", "cultural-sports-activities"),
        ("将园区划分为4个行业片区，设置片区工会小组。", "zonal-service"),
        ("今年共组织高级工培训280人。", "skills-training"),
        ("举办厨艺大赛、电工技能比武等活动。", "skills-competition"),
        ("在园区建成党群服务综合体，设有职工书屋。", "party-mass-service-center"),
    ],
)
def test_frames_find_the_practice_described_by_what_is_done(sentence: str, practice: str) -> None:
    assert practice in practices(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "职工反映最需要的是减压和充电。",  # one amenity is not a rest stop
        "已命名劳模工匠创新工作室12家。",  # a studio, not a craftsman title
        "会员凭卡可在商户享受购物优惠。",  # no frame at all
        "培训中心今年扩建了教室。",  # training without a count
    ],
)
def test_frames_stay_silent_without_the_whole_description(sentence: str) -> None:
    assert not practices(sentence) - {"member-benefits"}


def test_frames_are_bounded_by_the_sentence() -> None:
    assert "online-enrollment" not in practices("职工可扫码查询。次月起统一办理入会。")


def blocks(sentence: str, cue: str, practice: str) -> str:
    start = sentence.index(cue)
    return CueContext.of(sentence).blocks(start, start + len(cue), practice)


def test_a_cue_inside_a_longer_word_is_not_the_practice() -> None:
    assert blocks("青溪镇是全市改革试点单位之一。", "点单", "demand-driven-service") == "host-word"
    assert blocks("职工在手机上点单，工会派单。", "点单", "demand-driven-service") == ""
    assert blocks("园区落实税收优惠政策。", "优惠", "member-benefits") == "host-word"


def test_passing_frames_and_honour_titles() -> None:
    assert blocks("借“职工书屋开放日”之际，园区举办读书会。", "职工书屋", "workers-library") == "passing"
    assert blocks("与会代表探讨工资集体协商的难点。", "工资集体协商", "collective-wage-bargaining") == "passing"
    honour = "园区工会被授予“党建带工建示范点”称号。"
    assert blocks(honour, "党建带工建", "party-led-union-building") == "honour"
    star = "园区工会荣获“五星级职工之家”称号。"
    assert blocks(star, "五星级", "star-rating") == ""  # the designation is the practice
    standard = "园区工会被评为县级先进“六有”基层工会。"
    assert blocks(standard, "六有", "union-standards") == ""  # so is the standard met
    assert blocks("园区工会推行党建带工建。", "党建带工建", "party-led-union-building") == ""


def _extract(text: str, title: str, date: str = "2022-06-30"):
    return extract_text(text, title, date)


def adopts(text: str, title: str, date: str = "2022-06-30") -> dict[str, dict]:
    ex = _extract(text, title, date)
    return {r.tail.label: r.props for r in ex.relations if r.type == "ADOPTS"}


def test_a_joint_union_is_dated_by_its_founding_not_by_its_heading() -> None:
    title = "青溪县云梯小镇工会联合会 服务到车间"
    text = (title + "\n云梯小镇创建于2015年，集聚企业60家。\n"
            "去年3月，云梯小镇工会联合会正式成立，覆盖小镇60家企业。\n")
    found = adopts(text, title)
    assert found["practice:joint-union-formation"].get("year") == 2021
    assert found["practice:joint-union-formation"].get("rule") == "adoptions.joint-form"


def test_a_paraphrase_gives_an_adoption_with_its_own_rule() -> None:
    title = "青溪县云梯小镇工会联合会 服务到车间"
    text = (title + "\n云梯小镇工会联合会在小镇广场建起一处驿站，环卫工人在这里能歇脚、热饭、给手机充电。\n")
    found = adopts(text, title)
    assert found["practice:rest-station"].get("rule") == "adoptions.frame"
    assert "year" not in found["practice:rest-station"]  # the article's date is not a start


def test_a_cue_in_a_pilot_list_is_not_adopted() -> None:
    title = "青溪县云梯小镇工会联合会 服务到车间"
    text = title + "\n云梯小镇工会联合会是全县群团改革试点单位。\n"
    assert "practice:demand-driven-service" not in adopts(text, title)


def test_a_union_founding_something_else_is_not_its_own_founding() -> None:
    title = "青溪县云梯园区联合工会 聚力服务"
    text = title + "\n2016年，园区联合工会成立劳动争议调解委员会，全年化解纠纷12起。\n"
    found = adopts(text, title)
    assert "year" not in found["practice:joint-union-formation"]
    assert found["practice:dispute-mediation"].get("year") == 2016


def _context(text: str, title: str, date: str = "2022-06-30"):
    from graph_loader.extract import build_context, find_mentions, resolve_article

    source = SourceDocument("t", "t.txt", text, "0", "utf-8", date=date)
    ndoc = NormalizedDocument(source, text, tuple(range(len(text) + 1)))
    ctx = build_context(Article("t", 0, title, text, 0, len(text), 0, len(text), date), ndoc)
    mentions = find_mentions(ctx)
    return resolve_article(ctx, mentions), mentions


def test_founding_year_of_a_union_named_as_subject_or_object() -> None:
    from graph_loader.extract.rel_practices import founding_year

    title = "青溪县总工会 聚力改革"
    text = (title + "\n2017年11月，县总工会牵头组建了青溪县云梯园区联合工会，覆盖企业80家。\n"
            "青溪县木门小镇工会联合会于2019年挂牌，隶属镇总工会。\n"
            "2020年，青溪县石桥园区联合工会成立职工调解委员会。\n")
    ctx, mentions = _context(text, title)
    by_name = {m.name or m.surface: m for m in mentions}
    years = {name: founding_year(ctx, mentions, m, by_form_word=False) for name, m in by_name.items()
             if name.endswith(("联合工会", "工会联合会"))}
    assert years.get("青溪县云梯园区联合工会") == 2017
    assert years.get("青溪县木门小镇工会联合会") == 2019
    assert years.get("青溪县石桥园区联合工会") is None  # it founded a committee, not itself
