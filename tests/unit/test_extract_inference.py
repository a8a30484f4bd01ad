"""The inference layer on invented articles: each inferred edge is named and keeps evidence."""

from __future__ import annotations

from graph_loader.extract import build_context, find_mentions, find_relations
from graph_loader.extract.article_resolution import resolve_article
from graph_loader.extract.inference import infer, page_programme
from graph_loader.records import Article, NormalizedDocument, SourceDocument


def _infer(text: str, title: str, kind: str = "article", unit: str = "", page: str = ""):
    page = page or text
    source = SourceDocument("t", "t.txt", page, "0", "utf-8", date="2023-05-10")
    ndoc = NormalizedDocument(source, page, tuple(range(len(page) + 1)))
    start = page.find(text)
    article = Article("t", 0, title, text, start, start + len(text), start, start + len(text), "2023-05-10",
                      unit=unit, kind=kind)
    ctx = build_context(article, ndoc)
    mentions = find_mentions(ctx)
    ctx = resolve_article(ctx, mentions)
    return ctx, infer(ctx, mentions, find_relations(ctx, mentions))


def _edges(rels) -> set[tuple[str, str, str, str]]:
    return {(r.type, r.head.name if hasattr(r.head, "name") else r.head, str(r.tail), r.rule) for r in rels}


def test_brand_operator_adopts_what_the_brand_is() -> None:
    title = "湖州市吴兴区总工会 织里暖心"
    text = title + "\n湖州市吴兴区总工会在童装园区建成“织里书屋”,藏书两千余册。\n"
    ctx, rels = _infer(text, title)
    assert ("ADOPTS", "湖州市吴兴区总工会", "practice:workers-library", "inference.brand-adopts") in _edges(rels)
    edge = next(r for r in rels if r.rule == "inference.brand-adopts")
    assert "织里书屋" in ctx.text[edge.start:edge.end]


def test_joint_union_covering_a_park_is_a_joint_formation() -> None:
    title = "德清县莫溪智造产业园联合工会 抱团建会"
    text = title + "\n德清县莫溪智造产业园联合工会成立以来,把园区62家小微企业职工纳入组织。\n"
    _, rels = _infer(text, title)
    got = _edges(rels)
    assert ("ADOPTS", "德清县莫溪智造产业园联合工会", "practice:joint-union-formation", "inference.formation") in got


def test_shared_post_is_cross_appointment_not_party_led() -> None:
    title = "德清县莫溪智造产业园联合工会 党工共融"
    text = title + "\n联合工会主席由园区党委副书记兼任,工会和党组织一起研究职工服务。\n"
    _, rels = _infer(text, title)
    tails = {str(r.tail) for r in rels if r.rule in ("inference.cross-appointment", "inference.party-led")}
    assert "practice:party-led-union-building" not in tails
    assert tails <= {"practice:cross-appointment"}


def test_a_listed_unit_enters_the_programme_its_page_names() -> None:
    lead = "本报讯 日前，2023年（第三届）全省工会改革创新项目展评活动在湖州市举行。\n\n获奖项目名单\n\n"
    entry = "长兴县总工会\n“长兴工友汇”一键办事"
    page = lead + entry + "\n"
    _, rels = _infer(entry, "“长兴工友汇”一键办事", kind="entry", unit="长兴县总工会", page=page)
    edge = next(r for r in rels if r.rule == "inference.programme-entrants")
    assert edge.head.name == "长兴县总工会" and edge.tail == "program:reform-innovation-exhibition"
    assert edge.props == {"level": "省级", "year": 2023}


def test_a_programme_only_mentioned_is_not_an_event_page() -> None:
    assert page_programme("市总工会推进工会改革创新项目展评的筹备。", "2023-05-10") is None
    found = page_programme("第二届全省工会改革创新项目展评活动在平湖举行。", "2022-09-20")
    assert found == ("reform-innovation-exhibition", "省级", 2022)


def test_the_headline_union_adopts_a_plainly_typed_brand_it_runs() -> None:
    """A brand whose sentence names no operator is the headline union's; it adopts the brand's
    practice when the kind is plain (a cue in the name: …书屋), not from a venue-noun hint alone
    (…讲堂 read as a craftsman school)."""
    title = "青禾县白鹭镇总工会 阵地建设"
    text = title + "\n依托镇文化站,建成“白鹭书屋”,藏书两千余册。\n同时开设“白鹭讲堂”,每月一期。\n"
    _, rels = _infer(text, title)
    got = _edges(rels)
    assert ("ADOPTS", "青禾县白鹭镇总工会", "practice:workers-library", "inference.brand-adopts-headline") in got
    assert not any(e[2] == "practice:craftsman-school" and e[3].startswith("inference.brand-adopts") for e in got)
