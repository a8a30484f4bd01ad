"""Persons by their context, posts before and after a name, union name edges, sub-organisations.

Every sentence here is made up for the test; no name is taken from the corpus or the gold.
"""

from __future__ import annotations

from graph_loader.extract.persons import find_persons
from graph_loader.extract.unions import find_unions
from tests.support.extraction import extract_text


def _extract(text: str, title: str):
    return extract_text(text, title, "2022-01-01")


def _names(text: str) -> set[str]:
    return {m.surface for m in find_persons(text)}


def test_occupation_honour_and_address_mark_a_name() -> None:
    assert "贾志远" in _names("快递员贾志远去年加入了工会。")
    assert "祁振东" in _names("活动中，全国劳动模范祁振东分享了经验。")
    assert "鲍立新" in _names("工会邀请了职业学院鲍立新教授作讲座。")
    assert "邵立强" in _names("新当选的主席邵立强在物流行业干了十年。")  # 强 starts no verb here
    assert "韦立群" in _names("讲这番话的人叫韦立群，是一家公司的经理。")


def test_studios_named_after_people() -> None:
    names = _names("园区建起了葛春明劳模创新工作室和芮晓创新工作室。")
    assert {"葛春明", "芮晓"} <= names


def test_biography_and_interview_lines() -> None:
    text = ("卓雅琴，1990年生，现任园区工会主席。\n记者：工会最近做了什么？\n"
            "詹国伟：我们办了夜校。\n詹国伟：还有读书会。\n")
    names = _names(text)
    assert {"卓雅琴", "詹国伟"} <= names
    assert not names & {"记者"}


def test_list_members_after_a_name() -> None:
    names = _names("会议由代表柏建华、阮小勇和毕红梅共同主持。")
    assert {"柏建华", "阮小勇", "毕红梅"} <= names


def test_no_person_in_fixed_terms_places_or_words() -> None:
    assert not _names("职工学习习近平新时代中国特色社会主义思想。")
    assert not _names("文成县工会\n文成县绿色产业园")  # a one-letter by-line role needs a space
    assert "宣传" not in _names("面向外卖骑手宣传劳动法。")


def _posts(ex) -> set[tuple[str, str, str]]:
    return {(r.head.label, r.tail.label, str(r.props.get("title")))
            for r in ex.relations if r.type == "HOLDS_POSITION"}


def test_posts_after_a_name_and_past_posts() -> None:
    text = ("安吉县西溪镇总工会 职工之家\n"
            "戚明华，现任安吉县西溪镇党委委员、西溪镇总工会主席，兼任县总工会兼职副主席。曾任县团委书记。\n"
            "2015年至2019年，他任安吉县南湖镇总工会副主席。\n")
    ex = _extract(text, "安吉县西溪镇总工会 职工之家")
    posts = _posts(ex)
    titles = {(tail, title) for head, tail, title in posts if head == "戚明华"}
    assert any(t.endswith("西溪镇党委") and title == "委员" for t, title in titles)
    assert any(t.endswith("西溪镇总工会") and title == "主席" for t, title in titles)
    assert any(t == "安吉县总工会" and title == "兼职副主席" for t, title in titles)
    assert not any("南湖镇" in t or "团委" in t for t, _ in titles)  # past posts give no edge
    assert any(e.name.endswith("南湖镇总工会") for e in ex.entities)  # the body stays an entity
    builds = {(r.head.label, r.tail.label) for r in ex.relations if r.type == "PARTY_BUILDING"}
    assert any(h.endswith("西溪镇党委") and t.endswith("西溪镇总工会") for h, t in builds)


def test_appointed_posts_and_posts_of_a_short_reference() -> None:
    text = ("桐庐县物流行业工会联盟成立\n"
            "桐庐县物流行业工会联盟由6家工会组成。联盟理事长由横村镇总工会主席蒋丽华担任，"
            "分水镇总工会副主席祁文杰任秘书长。\n")
    posts = _posts(_extract(text, "桐庐县物流行业工会联盟成立"))
    assert ("蒋丽华", "桐庐县物流行业工会联盟", "理事长") in posts
    assert ("祁文杰", "桐庐县物流行业工会联盟", "秘书长") in posts
    assert any(h == "蒋丽华" and t.endswith("横村镇总工会") for h, t, _ in posts)


def test_worker_posts_in_an_enterprise_skip_honours() -> None:
    text = ("工匠风采\n浙江宏达精工机械有限公司装配班班长汤建国是首届工匠。"
            "集团工会主席、全国劳动模范郁建平任理事长。\n")
    posts = _posts(_extract(text, "工匠风采"))
    assert ("汤建国", "浙江宏达精工机械有限公司", "装配班班长") in posts


def test_union_names_keep_towns_and_skip_counts_and_congresses() -> None:
    assert "于潜镇总工会" in {m.surface for m in find_unions("联合会今年又吸收了于潜镇总工会。")}
    assert "横店镇总工会" in {m.surface for m in find_unions("他任横店镇总工会副主席。")}
    assert not find_unions("全县12家企业工会和5个片区工会小组参加。")
    assert not find_unions("召开市工会第八次代表大会。")


def test_sub_organisations_follow_each_cue_and_anaphors() -> None:
    text = ("湖州市南浔区双林镇童装行业工会联合会成立\n"
            "湖州市南浔区双林镇童装行业工会联合会于2021年成立。作为双林镇总工会下属的行业性工会组织，"
            "该联合会下设童装设计联合工会和童装电商联合工会。\n")
    ex = _extract(text, "湖州市南浔区双林镇童装行业工会联合会成立")
    subs = {(r.head.label, r.tail.label) for r in ex.relations if r.type == "SUB_ORGANIZATION_OF"}
    parent = "湖州市南浔区双林镇童装行业工会联合会"
    assert any(h.endswith("童装设计联合工会") and t == parent for h, t in subs)
    assert any(h.endswith("童装电商联合工会") and t == parent for h, t in subs)
    assert any(h == parent and t.endswith("双林镇总工会") for h, t in subs)


def test_heading_line_union_is_taken_whole() -> None:
    text = "简讯\n余杭区和睦街道总工会\n街道总工会成立于2017年。"
    assert "余杭区和睦街道总工会" in {m.surface for m in find_unions(text)}
    assert not find_unions("\n成立联合工会\n")  # a heading without a place is not a name


def test_industry_union_with_a_post_and_known_bodies() -> None:
    assert "区物流服务业工会" in {m.surface for m in find_unions("区物流服务业工会主席韦建明说。")}
    assert "全国总工会" in {m.surface for m in find_unions("全国总工会副主席出席。")}
    assert not find_unions("企业工会主席参加培训。")


def test_provincial_committee_is_a_body_but_builds_no_union() -> None:
    from graph_loader.extract.party import find_party

    assert [m.surface for m in find_party("省委常委、组织部部长出席。")] == ["省委"]
    assert not find_party("共青团浙江省委员会发出倡议。")


def test_carriers_skip_adverbs_and_lists_of_kinds() -> None:
    from graph_loader.extract.carriers import find_carriers

    text = "如今小镇集聚企业80家，阵地向小镇园区商圈集聚，龙泉市冷链物流园入驻企业12家。"
    names = {m.surface for m in find_carriers(text)}
    assert "龙泉市冷链物流园" in names
    assert not names & {"如今小镇", "小镇园区商圈"}


def test_a_counted_list_names_each_members_union() -> None:
    text = "会上，温州市泰顺县、文成县和丽水市景宁县3家县总工会签约。"
    names = {m.surface for m in find_unions(text)}
    assert {"温州市泰顺县总工会", "文成县总工会", "丽水市景宁县总工会"} <= names
    text = "由富春某某纺织有限公司、某某电子有限公司等4家企业工会共同发起。"
    names = {m.surface for m in find_unions(text)}
    assert {"富春某某纺织有限公司工会", "某某电子有限公司工会"} <= names
    assert not find_unions("全市12家企业工会参加了培训。")  # a count alone names nobody


def test_what_only_a_person_does_marks_a_name_and_lists_are_read_both_ways() -> None:
    """当选/出席/分别作… after a break mark a name; the names before it in an 、 list are persons
    too (会上，王某、李某、周某分别发言), and organisations listed so are not."""
    assert {"柴明远", "滕晓燕", "伍小兵"} <= _names("会上，柴明远、滕晓燕、伍小兵分别作交流发言。")
    assert "柴明远" in _names("会议期间，柴明远当选协会会长。")
    assert not _names("市总工会、区总工会分别作交流发言。")


def test_elected_chair_of_a_body_written_short() -> None:
    """柴某当选联合会主席: 联合会 is the last joint union named before, and the post is its chair."""
    title = "青田县总工会 服务新业态"
    text = f"{title}\n今年3月，青田县快递行业工会联合会正式成立。柴明远当选联合会主席。\n"
    posts = {(r.head.label, r.tail.label, r.props.get("title")) for r in _extract(text, title).relations
             if r.type == "HOLDS_POSITION"}
    assert ("柴明远", "青田县快递行业工会联合会", "主席") in posts
