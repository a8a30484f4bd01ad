"""Brand typing (INSTANCE_OF) and operators (OPERATES) on invented sentences: the medium glued
after a brand, list closers with their noun phrase, descriptions after a comma or 'here', glosses
in brackets, who a team is made of, figures of speech, used platforms and adjacent owners."""

from __future__ import annotations

from graph_loader.extract.base import Mention
from graph_loader.extract.brands import find_brands
from graph_loader.extract.rel_brands import _medium, brand_practices
from tests.support.extraction import extract_text


def _extract(text: str, title: str = "丽水市某某镇工会 服务有新招"):
    return extract_text(text, title, "2021-01-01")


def _rels(text: str, rtype: str) -> set[tuple[str, str]]:
    return {(r.head.label, r.tail.label) for r in _extract(text).relations if r.type == rtype}


def _brand(text: str, name: str) -> Mention:
    found = [m for m in find_brands(text) if name in m.surface]
    assert found, name
    found[0].name = name
    return found[0]


def test_the_glued_medium_says_digital_or_venue() -> None:
    assert _medium("数字服务平台,发布通知") == "digital"
    assert _medium("”职工微信群,方便沟通") == "digital"
    assert _medium("党群服务中心硬件优势") == "venue"
    assert _medium("的服务中心") == ""
    text = "开通“松涛驿站”职工微信群,及时发布信息。"
    found = brand_practices(_brand(text, "松涛驿站"), text)
    assert "digital-union-platform" in found and "rest-station" not in found  # an account, not a stop


def test_a_physical_centre_is_not_a_digital_platform_whatever_its_name() -> None:
    text = "依托“青溪e家”党群服务中心开展活动。"
    assert "digital-union-platform" not in brand_practices(_brand(text, "青溪e家"), text)


def test_the_list_closer_keeps_its_noun_phrase() -> None:
    text = "组建了石门救援队、枫林巡逻队、溪口护河队等品牌志愿者队伍。"
    brands = {m.surface: m for m in find_brands(text)}
    assert "志愿者队伍" in brands["石门救援队"].props["closing"]
    m = brands["石门救援队"]
    m.name = m.surface
    assert "volunteer-service" in brand_practices(m, text)


def test_a_bracketed_gloss_types_the_brand() -> None:
    text = "建成“松风听雨”体验馆（职工维权室）和阅览室。"
    assert "legal-aid" in brand_practices(_brand(text, "松风听雨"), text)


def test_who_a_team_is_made_of_types_it() -> None:
    text = "镇工会组建了由20名职工志愿者组成的“云溪小帮手”服务队，帮职工代办事务。"
    m = _brand(text, "云溪小帮手")
    assert "volunteer-service" in brand_practices(m, text)


def test_a_figure_of_speech_is_not_a_brand() -> None:
    names = {m.surface for m in find_brands("工会把驿站当作“移动教室”，开展安全培训。")}
    assert "移动教室" not in names


def test_common_modifiers_before_a_practice_word_are_an_activity() -> None:
    names = {m.surface for m in find_brands("打造医疗互助保障、职工免费体检、高温慰问等特色服务品牌。")}
    assert "职工免费体检" not in names


def test_description_after_a_comma_types_the_brand() -> None:
    text = ("丽水市某某镇工会 服务有新招\n"
            "丽水市某某镇工会与镇商会共同设立“春溪基金”，累计帮扶困难职工80人次。")
    assert ("春溪基金", "practice:hardship-assistance") in _rels(text, "INSTANCE_OF")


def test_a_venue_described_as_here_is_typed_by_what_is_done_there() -> None:
    text = ("丽水市某某镇工会 服务有新招\n"
            "丽水市某某镇工会在菜场和公交站建起“松间小憩”，目前已有9家，环卫工人在这里能歇脚、喝水。")
    assert ("松间小憩", "practice:rest-station") in _rels(text, "INSTANCE_OF")


def test_an_app_that_opens_online_enrolment() -> None:
    text = ("丽水市某某镇工会 服务有新招\n"
            "丽水市某某镇工会依托县总工会开发的“云岭职工e站”APP开通线上入会通道，职工填表即可入会。")
    inst = _rels(text, "INSTANCE_OF")
    assert ("云岭职工e站", "practice:online-enrollment") in inst
    assert ("云岭职工e站", "practice:digital-union-platform") in inst


def test_a_platform_used_alongside_another_quote_is_not_operated() -> None:
    text = ("丽水市某某镇工会 服务有新招\n"
            "丽水市某某镇工会充分利用好“掌上工会”“云岭工e家”APP等工具,开展建会入会工作。")
    assert not any(b == "云岭工e家" for _, b in _rels(text, "OPERATES"))
