"""Local references, carriers and COVERS on invented sentences (helper F4, issue 13): short
federation names (市总, 区总, <place>总), towns whose name ends in 镇, bare party suffixes,
carrier stems, building unions, listed carriers, covers cues, junk government bodies."""

from __future__ import annotations

from graph_loader.extract import extract_article
from graph_loader.extract.base import Mention, RelMention
from graph_loader.extract.carriers import carrier_aliases, find_carriers
from graph_loader.extract.inference import _edge
from graph_loader.extract.others import find_others
from graph_loader.extract.unions import find_unions
from graph_loader.records import Article, NormalizedDocument, SourceDocument


def _extract(text: str, title: str):
    body = title + "\n\n" + text
    source = SourceDocument("t", "t.txt", body, "0", "utf-8", date="2021-06-01")
    ndoc = NormalizedDocument(source, body, tuple(range(len(body) + 1)))
    article = Article("t", 0, title, body, 0, len(body), 0, len(body), "2021-06-01")
    return extract_article(article, ndoc)


def _names(ex, etype: str) -> set[str]:
    return {e.name for e in ex.entities if e.type == etype}


def _pairs(ex, rtype: str) -> set[tuple[str, str]]:
    return {(r.head.label, r.tail.label) for r in ex.relations if r.type == rtype}


def test_short_federation_names_are_union_references() -> None:
    found = {m.surface: m for m in find_unions("在市总、区总的指导下，松阳县总每年开展培训，年底总结经验，总体平稳。")}
    assert found["市总"].generic and found["市总"].props["level_word"] == "市"
    assert found["区总"].generic
    assert not found["松阳县总"].generic
    assert not any(s.endswith(("总结", "总体")) for s in found)


def test_short_forms_resolve_to_the_place_federation() -> None:
    ex = _extract("近日，青田县总工会召开会议。县总还将组织律师进企业，市总开发的平台同步上线。",
                  "青田县石雕小镇工会联合会成立")
    unions = _names(ex, "UnionOrganization")
    assert "青田县总工会" in unions and "丽水市总工会" in unions


def test_town_named_with_zhen_and_its_bodies() -> None:
    ex = _extract("周某，现任青田县汤镇镇党委委员。汤镇镇总工会牵头组建小镇工会联合会。"
                  "在镇党委领导下，镇总工会指导企业建会。",
                  "青田县汤镇石雕小镇工会联合会")
    party = _names(ex, "PartyOrganization")
    unions = _names(ex, "UnionOrganization")
    assert "青田县汤镇镇党委" in party
    assert not any("小镇党委" in p for p in party)
    assert "青田县汤镇镇总工会" in unions


def test_town_takes_the_county_written_with_it() -> None:
    ex = _extract("从山口镇的作坊到城区的工厂，都有了娘家。松阳县古市镇素有“木雕之乡”之称，"
                  "古市镇总工会指导组建木雕小镇联合工会。",
                  "丽水市莲都区工会改革五年综述")
    assert "松阳县古市镇总工会" in _names(ex, "UnionOrganization")


def test_county_federation_named_just_before() -> None:
    ex = _extract("在松阳，县总工会以茶叶市场为试点，组建联合工会。", "丽水市莲都区工会改革五年综述")
    assert "松阳县总工会" in _names(ex, "UnionOrganization")


def test_bare_party_suffix_is_the_body_named_nearest() -> None:
    ex = _extract("华泰集团党委高度重视工会工作，形成了“党委领导、工会运作”的格局，集团工会积极响应。",
                  "华泰集团工会")
    party = _names(ex, "PartyOrganization")
    assert "华泰集团党委" in party and "党委" not in party


def test_party_body_named_by_carrier_stem() -> None:
    ex = _extract("青田县石雕小镇工会联合会成立以来，成为石雕党委联系群众的有效载体。",
                  "青田县石雕小镇工会联合会")
    assert "青田县石雕小镇党委" in _names(ex, "PartyOrganization")


def test_building_union_names_its_building_and_lists_are_names() -> None:
    found = {m.surface: m.props["carrierType"] for m in find_carriers(
        "金桥中心楼宇联合工会涵盖园内企业。园区建有光电电子产业园、精密机械科技园等小微园。"
        "推进基层楼宇工会建设，设计职工健身区、职工休闲区五大功能区。")}
    assert found.get("金桥中心") == "business-district"
    assert "光电电子产业园" in found and "精密机械科技园" in found
    assert not any(s.startswith("基层") or "五大" in s for s in found)


def test_sibling_buildings_are_not_abbreviations() -> None:
    alias = carrier_aliases(["天元大厦", "天元国际大厦", "云溪小镇", "云溪智造小镇"], set())
    assert "天元大厦" not in alias
    assert alias.get("云溪小镇") == "云溪智造小镇"


def test_covers_from_a_covers_cue() -> None:
    ex = _extract("星河商务区楼宇工会联合会以金桥大厦为中心，涵盖天元大厦、星河时代广场等楼宇，服务职工三千余人。",
                  "临安区星河商务区楼宇工会联合会")
    covered = {t for h, t in _pairs(ex, "COVERS") if "星河商务区楼宇工会联合会" in h}
    assert any("天元大厦" in t for t in covered)
    assert any("星河时代广场" in t for t in covered)


def test_party_building_from_a_shared_post() -> None:
    ex = _extract("2021年，天元产业园联合工会挂牌成立，联合工会主席由园区党委副书记兼任。",
                  "临安区天元产业园联合工会")
    assert any("党委" in h for h, _ in _pairs(ex, "PARTY_BUILDING"))


def test_inferred_edge_quotes_the_union_as_written() -> None:
    party = Mention("PartyOrganization", "小镇党委", 0, 4, name="甲县乙小镇党委")
    union = Mention("UnionOrganization", "乙小镇工会联合会", 10, 18, name="甲县乙小镇工会联合会")
    source = RelMention("PARTY_BUILDING", party, union, 0, 20, {}, "小镇党委", "小镇工会")
    edge = _edge("ADOPTS", union, "practice:party-led-union-building", [source], "party-led")
    assert edge.head_surface == "小镇工会"


def test_words_ending_in_ju_and_prepositions_before_towns() -> None:
    found = {m.surface for m in find_others("拉开群团改革大格局，在汤镇镇人民政府支持下，优化布局。")}
    assert "汤镇镇人民政府" in found
    assert not any(s.endswith(("格局", "布局")) or s.startswith("在") for s in found)
