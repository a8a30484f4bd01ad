"""Relations on made-up articles: ADOPTS with plans and guidance, COVERS, HOLDS_POSITION, pilots."""

from __future__ import annotations

from tests.support.extraction import extract_text


def _extract(text: str, title: str):
    return extract_text(text, title, "2020-01-01")


TEXT = (
    "衢州市柯城区航埠低碳小镇工会联合会 工匠点亮小镇\n"
    "小镇工会联合会成立于2017年,覆盖小镇企业86家。小镇工会开设职工学堂,开展技能比武。"
    "下一步,小镇工会将建设职工书屋。在柯城区总工会指导下,小镇工会建立了工资集体协商制度。"
    "小镇党委书记、工会联合会主席王建国说,党建带工建让工会更有活力。"
    "小镇被列入省级特色小镇创建名单。\n"
)


def test_adopts_respects_plans_and_guidance():
    ex = _extract(TEXT, "衢州市柯城区航埠低碳小镇工会联合会 工匠点亮小镇")
    adopts = {(r.head.label, r.tail.label) for r in ex.relations if r.type == "ADOPTS"}
    union = "衢州市柯城区航埠低碳小镇工会联合会"
    assert (union, "practice:craftsman-school") in adopts
    assert (union, "practice:skills-competition") in adopts
    assert (union, "practice:collective-wage-bargaining") in adopts
    assert (union, "practice:joint-union-formation") in adopts
    assert (union, "practice:workers-library") not in adopts  # 下一步…将: a plan
    assert not any(h == "衢州市柯城区总工会" for h, _ in adopts)  # guidance is not adoption


def test_covers_party_building_positions_and_pilots():
    ex = _extract(TEXT, "衢州市柯城区航埠低碳小镇工会联合会 工匠点亮小镇")
    rels = {(r.type, r.head.label, r.tail.label) for r in ex.relations}
    assert ("COVERS", "衢州市柯城区航埠低碳小镇工会联合会", "衢州市柯城区航埠低碳小镇") in rels
    assert any(t == "PARTY_BUILDING" for t, _, _ in rels)
    town = "program:characteristic-town-creation"
    assert any(t == "PARTICIPATES_IN" and tail == town for t, _, tail in rels)
    names = {e.name for e in ex.entities}
    assert "王建国" in names


def test_relation_evidence_quotes_both_ends():
    ex = _extract(TEXT, "衢州市柯城区航埠低碳小镇工会联合会 工匠点亮小镇")
    for rel in ex.relations:
        for ev in rel.evidence:
            for surface in ev.surfaces:
                assert surface in ev.quote


def _positions(ex):
    return {(r.head.label, r.tail.label, r.props.get("title")) for r in ex.relations if r.type == "HOLDS_POSITION"}


def test_positions_with_short_union_references():
    # corpus: 东冠 (担任楼宇工会主席; 党支部书记 ending the party body's name; 担任工会副主席)
    title = "杭州市滨江区东冠高新区楼宇工会联合会 党建引领"
    text = (title + "\n杭州市滨江区东冠高新区楼宇工会联合会成立以来,东冠集团党委副书记蔡秀晴担任楼宇工会主席,"
            "东冠资产管理公司党支部书记吴国娟担任工会副主席,各党员积极参与到工会工作中。\n")
    got = {(h, t) for h, t, _ in _positions(_extract(text, title))}
    union = "杭州市滨江区东冠高新区楼宇工会联合会"
    assert {("蔡秀晴", union), ("吴国娟", union), ("吴国娟", "东冠资产管理公司党支部")} <= got
    # unseen: a split post whose bare 总工会 takes the district of the body before it
    title = "湖州市吴兴区织里童装小镇工会联合会 童装小镇新气象"
    text = (title + "\n湖州市吴兴区总工会指导小镇工会工作。\n湖州市吴兴区人大常委会副主任、总工会主席 沈志明"
            "\n小镇工会联合会覆盖企业120家。\n")
    got = {(h, t) for h, t, _ in _positions(_extract(text, title))}
    assert ("沈志明", "湖州市吴兴区总工会") in got


def test_pilot_head_is_the_unit_said_to_be_selected():
    # corpus shape (苍南): the carrier is the subject of 是…试点之一, not the heading union
    title = "苍南县台商小镇工会联合会 台商创业创新的乐园"
    text = title + "\n苍南台商小镇是苍南县基层工会改革试点单位,县总工会高度重视。\n"
    rels = {(r.head.label, r.tail.label) for r in _extract(text, title).relations if r.type == "PARTICIPATES_IN"}
    assert ("苍南县台商小镇", "program:mass-org-reform-pilot") in rels
    # unseen: 被列为 after the carrier; the heading union is not the pilot
    title = "丽水市莲都区古城商圈工会联合会 商圈新风"
    text = title + "\n丽水市莲都区古城商圈自去年被列为群团改革试点以来,商圈工会联合会服务职工。\n"
    rels = {(r.head.label, r.tail.label) for r in _extract(text, title).relations if r.type == "PARTICIPATES_IN"}
    assert ("丽水市莲都区古城商圈", "program:mass-org-reform-pilot") in rels
    assert ("丽水市莲都区古城商圈工会联合会", "program:mass-org-reform-pilot") not in rels


def test_short_party_bodies_take_the_article_place():
    # corpus: 科技城党工委 in the 梦想小镇 report; 高新区党工委 in 秀洲 (short district form 秀洲)
    title = "杭州市余杭区梦想小镇工会联合委员会 争当先行军"
    text = title + "\n杭州市余杭区未来科技城管辖梦想小镇。小镇工会联合委员会在科技城党工委领导下开展工作。\n"
    names = {e.name for e in _extract(text, title).entities if e.type == "PartyOrganization"}
    assert "杭州市余杭区未来科技城党工委" in names
    title = "嘉兴市南湖区科创小镇总工会 党建带工建"
    text = title + "\n在南湖科技园区党工委领导下,小镇总工会实现党工阵地同步。\n"
    names = {e.name for e in _extract(text, title).entities if e.type == "PartyOrganization"}
    assert "嘉兴市南湖科技园区党工委" in names


def _instances(text: str, title: str):
    return {(r.head.label, r.tail.label) for r in _extract(text, title).relations if r.type == "INSTANCE_OF"}


def test_brand_practice_from_what_the_sentence_says_it_does():
    # corpus: “亲青筹”开展社区义卖 (the name alone says nothing)
    title = "杭州市江干区青年创业园联合工会 青年之家"
    text = title + "\n联合工会依托五大平台服务青年。“亲青筹”开展社区义卖、网络平台项目筹款等共计筹款4次。\n"
    assert ("亲青筹", "practice:charity-fund") in _instances(text, title)
    # unseen: 发挥“X”作用,以…技能培训为抓手; a brand merely mentioned before a cue gets nothing
    title = "金华市婺城区智造小镇工会联合会 技能提升"
    text = (title + "\n小镇工会发挥“匠心加油站”作用,以各类技能培训为抓手培养人才。"
            "小镇工会推出“星光汇”,同时开展技能培训。\n")
    got = _instances(text, title)
    assert ("匠心加油站", "practice:skills-training") in got
    assert ("星光汇", "practice:skills-training") not in got
