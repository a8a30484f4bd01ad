"""Union, party and carrier grammars on corpus sentences and on unseen sentences in the same style."""

from __future__ import annotations

from graph_loader.extract.carriers import find_carriers
from graph_loader.extract.party import find_party
from graph_loader.extract.unions import find_unions


def _unions(text: str) -> dict[str, dict]:
    return {m.surface: {**m.props, "generic": m.generic} for m in find_unions(text)}


def test_union_suffix_grammar_gives_form_and_level():
    found = _unions("杭州市下城区天水街道总工会高举旗帜,小镇工会联合会结合实际,"
                    "与区总工会联手建立了职工之家。")
    assert found["杭州市下城区天水街道总工会"]["form"] == "总工会"
    assert found["杭州市下城区天水街道总工会"]["level"] == "township"
    assert found["小镇工会联合会"]["generic"] and found["小镇工会联合会"]["form"] == "工会联合会"
    assert found["区总工会"]["level_word"] == "区"


def test_union_left_boundary_stops_at_verbs():
    found = _unions("街道总工会拟组建小镇联合工会,在埭溪镇总工会指导下开展工作。")
    assert "小镇联合工会" in found
    assert "埭溪镇总工会" in found
    assert not any(s.startswith(("拟", "在")) for s in found)


def test_unseen_union_names():
    found = _unions("近日,丽水市青田县石雕小镇工会联合会成立,"
                    "温岭市箱包行业工会联合会同步挂牌,东海集团工会参加。")
    assert found["丽水市青田县石雕小镇工会联合会"]["level"] == "carrier"
    assert found["温岭市箱包行业工会联合会"]["form"] == "工会联合会"
    assert found["东海集团工会"]["form"] == "企业工会"


def test_generic_and_honour_names_are_not_unions():
    found = _unions("辖区内单建工会139家,获评宁波市五星级活力基层工会联合会,各级工会积极参与。")
    assert not found


def test_party_bodies():
    text = "在埭溪镇党委的领导下,信息港党委与小镇综合党委联建,党委书记到会。"
    surfaces = {m.surface for m in find_party(text)}
    assert {"埭溪镇党委", "信息港党委", "小镇综合党委"} <= surfaces


def test_carriers_are_cut_after_verbs():
    text = "杭州市余杭区梦想小镇工会联合委员会成立。史济锡到梦想小镇调研,开发梦想小镇APP,激发小镇活力。"
    surfaces = [m.surface for m in find_carriers(text)]
    assert "杭州市余杭区梦想小镇" in surfaces
    assert surfaces.count("梦想小镇") == 2
    assert not any(s.startswith(("到", "开发", "激发")) for s in surfaces)


def test_unseen_carriers_and_types():
    text = "衢州市柯城区航埠低碳小镇、江山经济开发区和义乌国际商贸城是重点。"
    found = {m.surface: m.props["carrierType"] for m in find_carriers(text)}
    assert found["衢州市柯城区航埠低碳小镇"] == "town"
    assert found["江山经济开发区"] == "park"
    assert found["义乌国际商贸城"] == "market"


def test_other_bodies_skip_words_and_counts() -> None:
    """局面 is a word, not a bureau; a count's classifier (5家) is not part of an alliance's name."""
    from graph_loader.extract.others import find_others

    real = "这也是宁波海员建设工会“新型带徒制”给企业带来的喜人局面。活动中宣布成立首批5家劳模工匠创新工作室联盟"
    names = {m.surface for m in find_others(real)}
    assert not any(name.endswith("局") for name in names)
    assert "劳模工匠创新工作室联盟" in names and "家劳模工匠创新工作室联盟" not in names
    unseen = "全市形成了良好的发展局面，12家企业组建了技能人才联盟，台州市市场监管局参与指导。"
    names = {m.surface for m in find_others(unseen)}
    assert "台州市市场监管局" in names
    assert not any(name.startswith("家") or name.endswith("展局") for name in names)
