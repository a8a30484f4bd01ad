"""Relations on made-up articles: ADOPTS with plans and guidance, COVERS, HOLDS_POSITION, pilots."""

from __future__ import annotations

from graph_loader.extract import extract_article
from graph_loader.records import Article, NormalizedDocument, SourceDocument


def _extract(text: str, title: str):
    source = SourceDocument("t", "t.txt", text, "0", "utf-8", date="2020-01-01")
    ndoc = NormalizedDocument(source, text, tuple(range(len(text) + 1)))
    article = Article("t", 0, title, text, 0, len(text), 0, len(text), "2020-01-01")
    return extract_article(article, ndoc)


TEXT = (
    "衢州市柯城区航埠低碳小镇工会联合会 工匠点亮小镇\n"
    "小镇工会联合会成立于2017年,覆盖小镇企业86家。小镇工会开设职工学堂,开展技能比武。"
    "下一步,小镇工会将建设职工书屋。在柯城区总工会指导下,小镇工会建立了工资集体协商制度。"
    "小镇党委书记、工会联合会主席王建国说,党建带工建让工会更有活力。"
    "小镇被列入省级特色小镇创建名单。\n"
)


def test_adopts_respects_plans_and_guidance():
    ex = _extract(TEXT, "衢州市柯城区航埠低碳小镇工会联合会 工匠点亮小镇")
    adopts = {(r.head, r.tail) for r in ex.relations if r.type == "ADOPTS"}
    union = "衢州市柯城区航埠低碳小镇工会联合会"
    assert (union, "practice:craftsman-school") in adopts
    assert (union, "practice:skills-competition") in adopts
    assert (union, "practice:collective-wage-bargaining") in adopts
    assert (union, "practice:joint-union-formation") in adopts
    assert (union, "practice:workers-library") not in adopts  # 下一步…将: a plan
    assert not any(h == "衢州市柯城区总工会" for h, _ in adopts)  # guidance is not adoption


def test_covers_party_building_positions_and_pilots():
    ex = _extract(TEXT, "衢州市柯城区航埠低碳小镇工会联合会 工匠点亮小镇")
    rels = {(r.type, r.head, r.tail) for r in ex.relations}
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
