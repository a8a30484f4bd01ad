"""Union names cut or missed, and references back to a union (helper `unions`): a name after a
verb with a resultative 起, a newspaper page header glued inside a name, a conjunction inside an
industry's name, 该区总工会 after another district's union, and a bare 联合工会 in a paragraph about
a carrier (but not one just formed: 成立联合工会). Invented sentences only."""

from __future__ import annotations

from graph_loader.extract.context import ArticleContext
from graph_loader.extract.unions import find_unions
from graph_loader.reference.lexicon import UNION
from graph_loader.reference.names import name_start
from tests.support.extraction import extract_text, resolved_text


def _resolved(title: str, body: str) -> tuple[ArticleContext, dict[int, str]]:
    """The resolved context of an invented article and its union mentions' names by start."""
    ctx, mentions = resolved_text(title + "\n" + body, title, date="2021-06-01")
    return ctx, {m.start: m.name for m in mentions if m.type == UNION and not m.drop}


def _surfaces(text: str) -> set[str]:
    return {m.surface for m in find_unions(text)}


def test_a_name_after_a_verb_with_resultative_qi_starts_after_it() -> None:
    found = _surfaces("由青禾区总工会牵头，2021年组建起青禾区纸业产业园联合工会，园区企业从此有了工会。")
    assert "青禾区纸业产业园联合工会" in found
    assert not any(s.startswith("起") for s in found)


def test_a_page_header_inside_a_union_name_is_read_past() -> None:
    text = "2021年搭建起青禾区纸业产业园联合2021年6月4日 星期五 浙江工人日报3工会，园区企业入会。"
    unions = [m for m in find_unions(text) if not m.generic]
    assert [m.surface for m in unions] == ["青禾区纸业产业园联合工会"]
    union = unions[0]
    assert text[union.start] == "青" and text[union.end - 2:union.end] == "工会"
    assert union.props["form"] == "联合工会"


def test_a_conjunction_between_two_products_of_an_industry_does_not_cut() -> None:
    found = _surfaces("2019年，由镇总工会牵头，白鹭镇阀门与管件行业工会联合会组建成立。")
    assert "白鹭镇阀门与管件行业工会联合会" in found
    assert "管件行业工会联合会" not in found


def test_a_conjunction_after_a_body_still_cuts() -> None:
    found = _surfaces("白鹭镇总工会和管件行业工会联合会签订协议。")
    assert {"白鹭镇总工会", "管件行业工会联合会"} <= found
    text = "县总工会与电机行业工会联合会签订协议"
    start, word = name_start(text, text.index("工会联合会"))
    assert text[start:text.index("工会联合会")] == "电机行业" and word == "与"


def test_this_district_union_is_the_district_named_last_not_the_headings() -> None:
    body = ("婺城区总工会今年建成职工驿站10个，" + "各驿站配有饮水机、微波炉和充电设备，方便户外劳动者歇脚。" * 4
            + "\n户外劳动者歇脚难，是金东区总工会最先着手破解的问题。" + "这件小事关系到千家万户，" * 8
            + "2019年起，该区总工会依托银行网点陆续建成驿站42个。")
    ctx, names = _resolved("金华市婺城区总工会 深化改革", body)
    assert ctx.county is not None and ctx.county.name == "金华市婺城区"
    start = ctx.text.index("该区总工会") + 1
    assert names[start] == "金华市金东区总工会"


def test_a_district_union_with_no_district_before_it_is_the_articles() -> None:
    ctx, names = _resolved("金华市婺城区总工会 深化改革", "今年，区总工会建成职工驿站10个。")
    assert names[ctx.text.rindex("区总工会")] == "金华市婺城区总工会"


def test_a_bare_joint_union_is_the_union_of_the_carrier_its_paragraph_names() -> None:
    body = ("2018年，青禾县总工会牵头组建了青禾县白鹭商圈联合工会，商户全部纳入。"
            "青禾县总工会还组建了青禾县翠竹产业园联合工会。\n"
            "在白鹭商圈，党建带工建的路子越走越宽。商圈党委把联合工会纳入党建联建体系，"
            "联合工会入驻商圈党群服务中心。")
    ctx, names = _resolved("青禾县工会改革综述", body)
    bare = [s for s, n in names.items() if ctx.text[s:s + 4] == "联合工会" and s > ctx.text.index("\n在")]
    assert len(bare) == 2
    assert {names[s] for s in bare} == {"青禾县白鹭商圈联合工会"}


def test_a_joint_union_being_formed_is_no_reference() -> None:
    assert not [m for m in find_unions("商圈党委牵头组建了联合工会，并成立工会联合会。") if m.props.get("bare")]
    assert [m for m in find_unions("商圈党委把联合工会纳入体系。") if m.props.get("bare")]


def test_a_counted_bare_joint_union_names_no_body() -> None:
    body = "目前，辖区企业单独建会15家，联合工会1家。白鹭小镇工会联合会还开展技能培训。"
    ctx, names = _resolved("青禾县白鹭小镇联合工会 服务职工", body)
    assert ctx.text.index("联合工会1家") not in names


def test_the_headline_union_name_survives_the_whole_extraction() -> None:
    ex = extract_text("2019年，由镇总工会牵头，白鹭镇阀门与管件行业工会联合会组建成立，隶属镇总工会。",
                      title="白鹭镇总工会")
    names = {e.name for e in ex.entities if e.type == UNION}
    assert any(n.endswith("白鹭镇阀门与管件行业工会联合会") for n in names)
    assert not any(n == "管件行业工会联合会" for n in names)
