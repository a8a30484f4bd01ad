"""Brand names glued to short quotes, shapes that are not brands, and who operates a brand,
on invented sentences."""

from __future__ import annotations

from graph_loader.extract.brand_context import org_gloss, short_glued
from graph_loader.extract.brands import find_brands
from tests.support.extraction import extract_text


def _names(text: str) -> set[str]:
    found = find_brands(text)
    return {m.props.get("canonical") or m.surface for m in found}


def _relations(text: str, rtype: str) -> set[tuple[str, str]]:
    out = set()
    for rel in extract_text(text).relations:
        if rel.type == rtype:
            tail = getattr(rel.tail, "name", None) or f"practice:{rel.tail.id}"
            out.add((rel.head.name, tail))
    return out


def test_a_short_quote_and_its_team_noun_make_one_name() -> None:
    names = _names("青禾县某某镇总工会组建“晨星”攻关队，为企业解决技术难题12项。")
    assert "晨星攻关队" in names
    assert "晨星" not in names


def test_a_short_quote_with_a_long_venue_phrase_is_one_name() -> None:
    names = _names("县总工会在工业园设立“和睦”劳动争议调解工作室，当年调处纠纷40起。")
    assert "和睦劳动争议调解工作室" in names


def test_an_online_medium_keeps_the_quoted_name() -> None:
    assert not short_glued("禾工通", "数字服务平台")
    assert short_glued("晨星", "攻关队")
    assert "禾工通" in _names("青禾县总工会上线“禾工通”数字服务平台，职工可在线入会。")


def test_a_nickname_glossed_as_an_organisation_is_not_a_brand() -> None:
    text = "镇工会与“禾港青友”(青禾县某某镇团委)联合开展送清凉活动。"
    assert org_gloss(text, text.index("”") + 1)
    assert "禾港青友" not in _names(text)


def test_the_family_metaphor_and_slogans_are_not_brands() -> None:
    names = _names("青禾县总工会倾情打造新业态劳动者“温馨娘家”，引导职工投身“中国梦·禾乡美”的实践。")
    assert not names & {"温馨娘家", "中国梦·禾乡美"}


def test_a_programme_counted_in_its_runs_is_a_brand() -> None:
    assert "月湖有约" in _names("单身青年交友交给团工委，他们的“月湖有约”联谊已经办了8期。")


def test_a_series_of_activities_is_a_brand() -> None:
    assert "青禾荟" in _names("园区工会打造“青禾荟”系列活动，丰富职工业余生活。")


def test_a_counted_kind_of_venue_is_not_a_name() -> None:
    names = _names("全县累计创建市级以上劳模工匠创新工作室35家，氛围日渐浓厚。")
    assert not any(name.endswith("创新工作室") for name in names)


def test_a_short_form_owner_is_the_union_named_before() -> None:
    text = ("青禾县某某商务区工会联合会 楼宇联盟\n青禾某某软件有限公司工会以企业工会身份入盟。"
            "某某软件工会的“晨读书吧”藏书2000余册，周末向职工免费开放。")
    operates = _relations(text, "OPERATES")
    assert ("青禾某某软件有限公司工会", "晨读书吧") in operates
    assert ("青禾县某某商务区工会联合会", "晨读书吧") not in operates


def test_a_visited_venue_is_not_the_article_unions() -> None:
    text = ("青禾县某某街道总工会 服务到家\n青禾县某某街道总工会开展送清凉活动。近日，一位外卖小哥走进了"
            "某某社区的“禾乐驿家”职工服务阵地。")
    assert "禾乐驿家" in _names(text)
    assert not any(tail == "禾乐驿家" for _, tail in _relations(text, "OPERATES"))
    built = text.replace("一位外卖小哥走进了", "建成")
    assert any(tail == "禾乐驿家" for _, tail in _relations(built, "OPERATES"))


def test_a_team_of_model_workers_is_an_expert_team() -> None:
    text = "青禾县总工会组建“禾锤劳模工匠技术服务队”，由劳模和技术骨干组成，为企业攻克难题。"
    instance = {tail for head, tail in _relations(text, "INSTANCE_OF") if head == "禾锤劳模工匠技术服务队"}
    assert "practice:expert-service-team" in instance
    assert "practice:model-worker-promotion" not in instance
