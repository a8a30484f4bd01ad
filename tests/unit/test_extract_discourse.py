"""Doer choice, plans and linear lookups on invented sentences (helper E1, issue 13)."""

from __future__ import annotations

from graph_loader.extract.actors import inside_name, is_plan, orgs_in
from graph_loader.extract.base import Mention, split_sentences
from graph_loader.extract.context import ArticleContext, build_context
from graph_loader.extract.mention_index import MentionIndex, within
from graph_loader.records import Article, NormalizedDocument, SourceDocument
from tests.support.extraction import extract_text


def _article(text: str, title: str) -> tuple[Article, NormalizedDocument]:
    source = SourceDocument("t", "t.txt", text, "0", "utf-8", date="2021-01-01")
    ndoc = NormalizedDocument(source, text, tuple(range(len(text) + 1)))
    return Article("t", 0, title, text, 0, len(text), 0, len(text), "2021-01-01"), ndoc


def _adopts(text: str, title: str) -> set[tuple[str, str]]:
    ex = extract_text(text, title, "2021-01-01")
    return {(r.head.label, r.tail.label) for r in ex.relations if r.type == "ADOPTS"}


def _ctx(text: str) -> ArticleContext:
    article, ndoc = _article(text, "")
    return build_context(article, ndoc)


def _plan(text: str, cue: str) -> bool:
    ctx = _ctx(text)
    pos = text.index(cue)
    return is_plan(ctx, ctx.sentence_at(pos), pos)


def test_plan_markers_take_any_verb_phrase():
    assert _plan("青禾镇总工会还将新建一批职工书屋。", "职工书屋")
    assert _plan("青禾镇总工会拟在园区增设职工书屋。", "职工书屋")
    assert _plan("明年青禾镇总工会计划开办职工书屋。", "职工书屋")
    assert _plan("青禾镇总工会力争年内建成职工书屋。", "职工书屋")


def test_jiang_as_a_preposition_or_a_noun_plan_is_no_plan():
    assert not _plan("青禾镇总工会将职工书屋纳入星级考核。", "职工书屋")
    assert not _plan("青禾镇总工会已将技能比武作为常规活动。", "技能比武")
    assert not _plan("“春晖计划”开展以来，青禾镇总工会举办了技能比武。", "技能比武")
    assert not _plan("将近300名职工参加了技能比武。", "技能比武")
    assert not _plan("青禾镇总工会同时将会员信息录入系统，并开展技能比武。", "技能比武")
    assert not _plan("青禾镇总工会还将各行业骨干召集起来，成立了技能比武裁判队。", "技能比武")
    assert _plan("届时青禾镇总工会还将举办技能比武。", "技能比武")


def test_bare_reference_resolves_to_the_last_union_of_that_form():
    text = ("云溪县总工会 一线风采\n"
            "云溪县总工会组织召开推进会。去年，云溪县蓝湾工会联盟挂牌，成员有五家。"
            "联盟每季度轮流举办技能比武，已有600人次参赛。\n")
    adopts = _adopts(text, "云溪县总工会 一线风采")
    assert ("云溪县蓝湾工会联盟", "practice:skills-competition") in adopts
    assert ("云溪县总工会", "practice:skills-competition") not in adopts


def test_title_qualifier_and_guide_yield_to_the_subject():
    text = ("云溪县总工会 一线风采\n"
            "石桥街道总工会主席林秀芳介绍，蓝湾物流有限公司工会开展了技能比武。"
            "在云溪县总工会的指导下，蓝湾物流有限公司工会建立了职工书屋。\n")
    adopts = _adopts(text, "云溪县总工会 一线风采")
    union = "蓝湾物流有限公司工会"
    assert any(h.endswith(union) and t == "practice:skills-competition" for h, t in adopts)
    assert any(h.endswith(union) and t == "practice:workers-library" for h, t in adopts)
    assert not any(h.endswith("石桥街道总工会") for h, _ in adopts)


def test_a_clause_without_subject_inherits_across_a_semicolon():
    text = ("云溪县总工会 一线风采\n"
            "蓝湾物流有限公司工会今年换届；还开展了技能比武。\n")
    adopts = _adopts(text, "云溪县总工会 一线风采")
    assert any(h.endswith("蓝湾物流有限公司工会") and t == "practice:skills-competition" for h, t in adopts)


def _mentions() -> list[Mention]:
    out = []
    for i in range(2000):  # many mentions: lookups must not scan them all
        m = Mention("UnionOrganization", "甲乙工会", i * 10, i * 10 + 4)
        m.name = f"甲乙工会{i}"
        out.append(m)
    return out


def test_mention_index_answers_spans_by_bisect():
    mentions = _mentions()
    index = MentionIndex(mentions)
    assert [m.start for m in index.starting_in(95, 125)] == [100, 110, 120]
    assert [m.start for m in index.covering(101, 103)] == [100]
    assert index.covering(105, 106) == []
    assert [m.name for m in orgs_in(mentions, 0, 25, ("UnionOrganization",))] == ["甲乙工会0", "甲乙工会1", "甲乙工会2"]
    assert inside_name(mentions, 12, 14, ("UnionOrganization",))
    assert not inside_name(mentions, 15, 17, ("UnionOrganization",))
    assert [m.start for m in within(mentions, 10, 33, ("UnionOrganization",))] == [10, 20]


def test_sentence_at_is_found_in_order():
    text = "甲工会成立。乙工会开展活动；丙工会建立书屋。"
    ctx = _ctx(text)
    assert ctx.sentence_at(text.index("乙")).text == "乙工会开展活动；"
    assert ctx.sentence_at(text.index("丙")).text == "丙工会建立书屋。"
    assert [s.text for s in split_sentences(text)][0] == "甲工会成立。"


def test_the_doer_path_is_named():
    from graph_loader.extract import find_mentions
    from graph_loader.extract.actors import doer_and_path
    from graph_loader.extract.article_resolution import resolve_article
    text = "云溪县总工会 一线风采\n由石桥街道总工会牵头，各村开展了技能比武。还开展了职工书屋建设。\n"
    article, ndoc = _article(text, "云溪县总工会 一线风采")
    ctx = build_context(article, ndoc)
    mentions = find_mentions(ctx)
    ctx = resolve_article(ctx, mentions)
    pos = text.index("技能比武")
    doer, path = doer_and_path(ctx, mentions, ctx.sentence_at(pos), pos)
    assert path == "agent" and doer is not None and doer.name.endswith("石桥街道总工会")
    pos = text.index("职工书屋")
    doer, path = doer_and_path(ctx, mentions, ctx.sentence_at(pos), pos)
    assert path == "headline" and doer is not None and doer.name == "云溪县总工会"


def test_a_pronoun_with_modal_hui_is_a_plan() -> None:
    """In interviews a chair says what the union will do with 我们会: a plan, not a fact; 会同
    (together with) is no modal."""
    assert _plan("“今年我们会把首场体检活动安排在驿站。”", "体检")
    assert not _plan("我们会同县总工会开展了体检活动。", "体检")


def test_a_linking_word_before_the_subject_is_skipped() -> None:
    """此外，/同时，/近年来 open a clause before its subject: the union after them is the doer,
    not the headline union."""
    title = "青田县温溪镇总工会 服务职工"
    for lead in ("此外", "同时", "近年来"):  # no comma: the clause is lead + subject
        text = (f"{title}\n青田县温溪镇总工会组建了温溪镇五金行业工会联合会。"
                f"{lead}五金行业工会联合会开展工资集体协商。\n")
        adopts = _adopts(text, title)
        assert ("青田县温溪镇五金行业工会联合会", "practice:collective-wage-bargaining") in adopts, lead
        assert ("青田县温溪镇总工会", "practice:collective-wage-bargaining") not in adopts, lead


def test_we_in_a_quote_is_the_speakers_union() -> None:
    """X主席Y说：“我们…”: 我们 is the speaker's union, not the headline union."""
    title = "青田县温溪镇总工会 服务职工"
    text = (f"{title}\n青田县温溪镇总工会组建了温溪镇五金行业工会联合会。"
            "五金行业工会联合会主席林小红说：“我们每年开展工资集体协商。”\n")
    adopts = _adopts(text, title)
    assert ("青田县温溪镇五金行业工会联合会", "practice:collective-wage-bargaining") in adopts
    assert ("青田县温溪镇总工会", "practice:collective-wage-bargaining") not in adopts
