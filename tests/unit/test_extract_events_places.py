"""Round-2B rules: carrier names and aliases, party and town boundaries, LOCATED_IN, and the
unscored Honor/Event/PolicyDocument types with their relations. Real corpus sentences and
made-up ones (names not in the corpus) side by side."""

from __future__ import annotations

from graph_loader.extract.carriers import carrier_aliases, carrier_name, find_carriers
from graph_loader.extract.events import find_events, find_venues
from graph_loader.extract.party import find_party
from graph_loader.reference.towns import find_towns
from tests.support.extraction import extract_text


def _extract(text: str, title: str):
    return extract_text(text, title, "2020-06-01")


def _carriers(text: str) -> list[str]:
    return [m.surface for m in find_carriers(text)]


# --- carriers --------------------------------------------------------------------------------

def test_carrier_boundaries_on_corpus_sentences():
    found = _carriers("老外滩时尚港是以江北老外滩为辐射中心,由来福士广场、绿地中心")
    assert "来福士广场" in found and "福士广场" not in found
    assert _carriers("同时,未来科技城总工会将小镇范围内联合工会组建任务分为五个区块") == ["未来科技城"]
    assert _carriers("扩充二楼小镇书房,在三楼建设小镇党建展示中心") == []
    assert _carriers("1-3层以及北侧职工休闲广场打造党群服务中心") == []
    assert _carriers("新能源小镇位于长兴县画溪街道工业功能区") == ["新能源小镇"]
    assert _carriers("完成了光学膜产业园区域职工活动中心建设") == ["光学膜产业园"]
    assert _carriers("泰顺县百丈时尚体育小镇工会联合会") == ["泰顺县百丈时尚体育小镇"]
    assert "嘉兴科技城" in _carriers("嘉兴科技城(大桥镇)总工会")


def test_carrier_boundaries_on_unseen_sentences():
    assert _carriers("由来宾路商贸城牵头组织") == ["来宾路商贸城"]
    assert _carriers("2019年云梦小镇完成产值12亿元") == ["云梦小镇"]
    assert _carriers("园区建有市民休闲广场和志愿者广场") == []
    assert _carriers("平阳县万象-银河商务圈联合工会成立") == ["平阳县万象-银河商务圈"]
    assert _carriers("先后建成十个小镇") == []


def test_carrier_names_keep_the_written_prefix():
    assert carrier_name("杭州余杭区梦想小镇") == "杭州市余杭区梦想小镇"  # a written district takes its city
    assert carrier_name("温州市瓯海经济开发区") == "温州市瓯海经济开发区"  # short county inside a park name
    assert carrier_name("舟山定海工业园区") == "舟山定海工业园区"
    assert carrier_name("平湖国际游购小镇") == "平湖国际游购小镇"  # no heading context: as written
    assert carrier_name("绿光小镇") == "绿光小镇"


def test_carrier_aliases_join_short_and_abbreviated_forms():
    names = ["德清县地理信息小镇", "地信小镇", "地理小镇", "温州市洞头区南塘工业园", "南塘工业园区",
             "安吉县竹产业小镇", "竹产业特色小镇", "梦想小镇", "假日小镇"]
    alias = carrier_aliases(names, set())
    assert alias["地信小镇"] == alias["地理小镇"] == "德清县地理信息小镇"
    assert alias["南塘工业园区"] == "温州市洞头区南塘工业园"
    assert alias["竹产业特色小镇"] == "安吉县竹产业小镇"
    assert "梦想小镇" not in alias and "假日小镇" not in alias
    # unseen: an abbreviation of a made-up park
    names = ["新昌县星河智造产业园", "星河产业园"]
    assert carrier_aliases(names, set()) == {"星河产业园": "新昌县星河智造产业园"}


# --- party bodies and towns ---------------------------------------------------------------------

def test_party_boundaries():
    surfaces = [m.surface for m in find_party("认真贯彻落实党委的决策部署,推行党组织全覆盖")]
    assert not any(s.startswith(("认真", "推行", "贯彻")) for s in surfaces)
    assert not find_party("共青团温州市委员会联合开展活动")
    assert not find_party("江北区委已将北岸财富商圈列入试点区域")
    assert [m.surface for m in find_party("在岱山经济开发区党委的领导下")] == ["岱山经济开发区党委"]
    assert [m.surface for m in find_party("在星河产业园党工委的统一领导下")] == ["星河产业园党工委"]


def test_town_names_do_not_swallow_the_district():
    towns = [t[2] for t in find_towns("杭州市下城区天水街道总工会和温州市洞头区北岙街道总工会")]
    assert towns == ["天水街道", "北岙街道"]
    assert [t[2] for t in find_towns("广泛宣传湖滨街道的战略布局")] == ["湖滨街道"]


# --- LOCATED_IN ------------------------------------------------------------------------------------

def test_located_in_from_prefixes_and_sentences():
    text = ("湖州市南浔区善琏湖笔小镇工会联合会 党工合力\n"
            "湖州市南浔区善琏湖笔小镇工会联合会成立于2016年。浙江省总工会调研了杭州市的小镇工会。\n")
    ex = _extract(text, "湖州市南浔区善琏湖笔小镇工会联合会 党工合力")
    located = {(r.head.label, r.tail.label) for r in ex.relations if r.type == "LOCATED_IN"}
    assert ("湖州市南浔区善琏湖笔小镇工会联合会", "湖州市南浔区") in located
    assert ("湖州市南浔区善琏湖笔小镇工会联合会", "湖州市南浔区善琏湖笔小镇") in located
    assert ("湖州市南浔区", "湖州市") in located
    assert ("杭州市", "浙江省") in located
    for rel in (r for r in ex.relations if r.type == "LOCATED_IN"):
        for ev in rel.evidence:
            assert all(s in ev.quote for s in ev.surfaces)


# --- Honor, Event, PolicyDocument --------------------------------------------------------------

def test_honours_events_policies_on_corpus_sentences():
    found = {(m.type, m.surface) for m in find_events(
        "小镇工会先后获评江北区工会示范点、宁波市五星级活力基层工会联合会。")}
    assert ("Honor", "江北区工会示范点") in found
    assert ("Honor", "宁波市五星级活力基层工会联合会") in found
    sentence = "9月20日，第二届全省工会改革创新项目展评活动在平湖举行。"
    found = {(m.type, m.surface) for m in find_events(sentence)}
    assert ("Event", "第二届全省工会改革创新项目展评活动") in found
    sentence = "宁波市总工会出台《宁波工会大抓基层三年行动实施方案》。"
    found = {(m.type, m.surface) for m in find_events(sentence)}
    assert ("PolicyDocument", "宁波工会大抓基层三年行动实施方案") in found
    assert [m.name if m.name else m.props["canonical"] for m in find_venues("推进会在义乌召开")] == ["义乌市"]


def test_honours_events_policies_on_unseen_sentences():
    assert not [m for m in find_events("工会积极创建模范职工之家。") if m.type == "Honor"]  # no receiving cue
    assert not [m for m in find_events("工会将召开职工代表大会。") if m.type == "Event"]  # undated
    assert not [m for m in find_events("他写了《一个工人的故事》。") if m.type == "PolicyDocument"]
    text = ("新昌县总工会 创新驱动\n"
            "2019年，新昌县星河小镇工会联合会荣获“全国模范职工之家”“浙江省先进职工之家”。"
            "3月5日，新昌县总工会召开全县工会改革推进会。5月8日，全县职工技能大赛在星河小镇举行。"
            "新昌县总工会印发《新昌县新就业形态劳动者入会实施方案》。"
            "新昌县总工会与新昌县妇女联合会签订共建协议。"
            "新昌县总工会、新昌县科学技术协会共同发起成立了“星河创新联盟”。\n")
    ex = _extract(text, "新昌县总工会 创新驱动")
    rels = {(r.type, r.head.label, r.tail.label): r for r in ex.relations}
    assert ("RECEIVED", "新昌县星河小镇工会联合会", "全国模范职工之家") in rels
    assert rels[("RECEIVED", "新昌县星河小镇工会联合会", "全国模范职工之家")].props.get("year") == 2019
    assert ("RECEIVED", "新昌县星河小镇工会联合会", "浙江省先进职工之家") in rels
    assert ("ORGANIZED", "新昌县总工会", "全县工会改革推进会") in rels
    assert ("HELD_IN", "全县职工技能大赛", "新昌县星河小镇") in rels
    assert ("ISSUED", "新昌县总工会", "新昌县新就业形态劳动者入会实施方案") in rels
    assert ("PARTNERS_WITH", "新昌县总工会", "新昌县妇女联合会") in rels
    assert any(t == "MEMBER_OF" and x.endswith("星河创新联盟") for t, _, x in rels)
    events = {e.name: e for e in ex.entities if e.type == "Event"}
    assert events["全县工会改革推进会"].props.get("date") == "2020-03-05"
