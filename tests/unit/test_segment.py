"""Article segmentation on the real corpus, on small documents and on random mixes of lines.

Line classes, heading fields (by-lines, unit names) and the text commands are tested in
test_segment_headings.py.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph_loader.records import Article, Author, SourceDocument
from graph_loader.text.normalize import normalize
from graph_loader.text.segment import segment
from graph_loader.text.sources import load_document
from tests.support.paths import CORPUS, GOLD, document_path, needs_corpus

DOUBLED = re.compile(r"惟改革者进惟改革者进|强基固本强基固本|阮向民阮向民|周周 静静|，，|。。|““|””")
PAGE_MARK = re.compile(r"\*\*|\^\[|■|□|\ufffd")


@cache
def articles_of(name: str) -> tuple[Article, ...]:
    """The articles of a corpus document or of a gold development text (never both: names differ)."""
    return tuple(segment(normalize(load_document(document_path(name)))))


def doc(
    raw: str, doc_id: str = "t", date: str = "2022-09-20", kind: str = "newspaper page"
) -> SourceDocument:
    return SourceDocument(
        id=doc_id, path=f"{doc_id}.txt", raw_text=raw, sha256="", encoding="utf-8", kind=kind, date=date
    )


# --------------------------------------------------------------------------- the magazine


@needs_corpus
class TestMagazine:
    NAME = "2018-zjgy-407-408"

    def test_at_least_80_articles_headed_by_units(self) -> None:
        articles = articles_of(self.NAME)
        assert len(articles) >= 80
        titles = [a.title for a in articles]
        for unit in (
            "湖州市南浔区善琏湖笔小镇工会联合会",
            "温州市瓯海区眼镜小镇联合工会",
            "杭州市下城区中国(杭州)电竞数娱小镇",
            "永康经济开发区",
            "台州市路桥区方林汽车产业服务集聚区",
        ):
            assert unit in titles
        unit_titled = [a for a in articles if a.unit and a.title == a.unit]
        assert len(unit_titled) >= 75

    def test_sections_have_their_kinds(self) -> None:
        by_title = {a.title: a for a in articles_of(self.NAME)}
        assert by_title["目录 Contents"].kind == "toc"
        assert by_title["后记"].kind == "afterword" and by_title["后记"].subtitle == "行百里者半九十"
        assert by_title["卷首语"].subtitle == "点亮一盏灯 照亮一大片"
        chronicle = next(a for a in articles_of(self.NAME) if a.kind == "chronicle")
        assert "9月3日" in chronicle.text and "10月31日" in chronicle.text
        sketch = by_title["湖州市南浔区善琏湖笔小镇工会联合会"]
        assert sketch.kind == "sketch" and sketch.subtitle == "党工合力 书写文化新章"
        assert sketch.text.startswith(
            "湖州市南浔区善琏湖笔小镇工会联合会 党工合力 书写文化新章\n湖笔小镇位于"
        )

    def test_reports_carry_by_lines(self) -> None:
        by_title = {a.title: a for a in articles_of(self.NAME)}
        report = by_title["龙游县(龙天)红木小镇工会"]
        assert report.kind == "report"
        assert report.authors == (Author("王艳", "特约记者"), Author("潘仙德", "特约记者"))
        overview = by_title["新业态工会“动”起来"]
        assert overview.authors == (Author("章慧芬", "记者"),)
        feature = by_title["争当创新改革的先行军"]
        assert feature.subtitle == "杭州市余杭区梦想小镇工会工作纪实"
        assert feature.unit == "杭州市余杭区梦想小镇工会"
        assert feature.authors == (Author("杜坚强", "作者"),)

    def test_articles_from_the_other_regions_section(self) -> None:
        titles = [a.title for a in articles_of(self.NAME)]
        assert "改革3年 上海群团可圈可点" in titles
        assert "农民工“网红”眼中的重庆群团改革" in titles

    def test_publication_date(self) -> None:
        assert {a.date for a in articles_of(self.NAME)} == {"2018-12-10"}


# --------------------------------------------------------------------------- blurb page


@needs_corpus
class TestReformProjects:
    NAME = "2022-reform-projects"

    def test_ten_blurbs_and_ten_listed_units(self) -> None:
        blurbs = [a for a in articles_of(self.NAME) if a.kind == "blurb"]
        assert len(articles_of(self.NAME)) >= 20
        assert len(blurbs) == 20
        assert all(a.unit and a.title for a in blurbs)
        full = [a for a in blurbs if len(a.text) > 150]
        listed = [a for a in blurbs if len(a.text) <= 150]
        assert len(full) == 10 and len(listed) == 10
        assert (full[1].unit, full[1].title) == ("东阳市总工会", "打好“四张创新牌”赋能新业态从业者")
        assert "东阳市振兴路地摊经济联合工会成立两周年" in full[1].text
        assert (listed[0].unit, listed[0].title) == (
            "舟山市总工会",
            "岛际一体构建海岛特色劳动争议多元化解新格局",
        )
        assert (listed[-1].unit, listed[-1].title) == ("绍兴市总工会", "劳动创造幸福，唱响共富路上“最强音”")

    def test_body_comes_before_its_unit_and_title(self) -> None:
        article = next(a for a in articles_of(self.NAME) if a.unit == "平湖市总工会")
        assert article.text.startswith("针对困难职工家庭中丧失或部分丧失劳动能力人员难以自救脱困问题")
        assert article.text.endswith("平湖市总工会\n“虚拟岗位”帮扶架起困难职工“连心桥”")

    def test_headline_and_its_doubled_lead(self) -> None:
        articles = articles_of(self.NAME)
        headline = articles[0]
        assert (headline.title, headline.subtitle) == ("强基固本 变革重塑", "打造创新创优的品牌工会")
        assert headline.authors == (Author("周静", "作者"), Author("阮向民", "作者"))
        lead = next(a for a in articles if a.text.startswith("惟改革者进，惟创新者强"))
        assert lead.title == headline.title
        assert "9月20日，第二届全省工会改革创新项目展评活动在平湖举行" in lead.text
        assert any(d.phrase == "9月20日" and d.value == "2022-09-20" for d in lead.dates)


# --------------------------------------------------------------------------- news pages


@needs_corpus
def test_news_page_reports_and_their_by_lines() -> None:
    articles = articles_of("2024-ningbo-grassroots")
    assert len(articles) == 6
    first = articles[0]
    assert first.title == "宁波工会持续探索创新工会大抓基层新路径"
    assert first.authors == (Author("李凡", "记者"), Author("张甘秋", "通讯员"))
    anji = articles[1]
    assert anji.title == "设施更完善" and "安吉幸福驿站" in anji.subtitle
    assert "郑桂婷是安吉县的一名环卫工人" in anji.text
    assert articles[3].authors == (Author("羊荣江", "记者"),)
    assert articles[4].title == "劳模面对面 共话奋斗梦"
    assert articles[5].unit == "嘉兴市南湖区总工会"


@needs_corpus
def test_huzhou_page_reports() -> None:
    articles = articles_of("2022-huzhou-alliances")
    assert len(articles) >= 7
    pujiang = next(a for a in articles if a.title.startswith("210省道"))
    assert pujiang.authors == (
        Author("羊荣江", "记者"),
        Author("傅银银", "通讯员"),
        Author("张海生", "通讯员"),
    )


# Genres the segmenter does not cut yet (none: award lists are cut by text/segment_awards.py).
_UNSEGMENTED_GENRES: dict[str, str] = {}


def _gold_files() -> list:
    if not GOLD.is_dir():
        return []
    return [
        pytest.param(path, marks=pytest.mark.xfail(strict=True, reason=_UNSEGMENTED_GENRES[path.stem]))
        if path.stem in _UNSEGMENTED_GENRES
        else path
        for path in sorted(GOLD.glob("*.jsonl"))
    ]


@needs_corpus
@pytest.mark.parametrize("path", _gold_files(), ids=lambda p: p.stem)
def test_every_gold_article_has_a_segment(path: Path) -> None:
    """Each article the annotators cut is found (title + subtitle share its opening)."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        gold = record["article"].replace(" ", "")
        mine = [(a.title + a.subtitle).replace(" ", "") for a in articles_of(record["doc"])]
        assert any(gold[:8] in m or m[:8] in gold for m in mine), (record["doc"], record["article"])


@needs_corpus
@pytest.mark.parametrize("name", sorted(p.stem for p in CORPUS.glob("*.txt")) if CORPUS.is_dir() else [])
def test_articles_are_clean_contiguous_spans(name: str) -> None:
    source = load_document(CORPUS / f"{name}.txt")
    document = normalize(source)
    articles = segment(document)
    assert articles and articles[0].start == 0
    for article, nxt in zip(articles, articles[1:], strict=False):
        assert article.end < nxt.start  # in order, without overlap
    for index, article in enumerate(articles):
        assert article.index == index
        assert article.text == document.text[article.start : article.end]
        assert (article.raw_start, article.raw_end) == document.raw_span(article.start, article.end)
        raw = source.raw_text[article.raw_start : article.raw_end]
        assert raw and raw[-1] != "\n"
        assert not DOUBLED.search(article.text), article.title
        assert not PAGE_MARK.search(article.text), article.title
        for mention in article.dates:
            assert article.text[mention.start : mention.end] == mention.phrase


# --------------------------------------------------------------------------- small cases


def test_leading_layout_with_news_leads() -> None:
    raw = (
        "湖州成立首批5家劳模工匠创新工作室联盟\n\n推动“技能共享”助力“产业共富”\n\n"
        "本报讯 记者程雪报道 日前，湖州市产业工人队伍建设改革现场推进会在湖州市南浔区举行。\n\n"
        "更好地激励产业工人以技提薪\n\n杭州临安高虹镇节能灯行业新增能级工资薪酬激励机制\n\n"
        "本报讯 记者曾晨路报道 日前，杭州临安区高虹镇进行第14轮工资集体协商。\n"
    )
    articles = segment(normalize(doc(raw, date="2022-06")))
    assert [a.title for a in articles] == [
        "湖州成立首批5家劳模工匠创新工作室联盟",
        "更好地激励产业工人以技提薪",
    ]
    assert articles[1].authors == (Author("曾晨路", "记者"),)
    assert articles[0].date == "2022-06" and articles[0].date_basis == "publication"


def test_stated_date_under_the_heading() -> None:
    raw = (
        "全省基层群团改革工作现场推进会在义乌召开\n\n浙江新闻客户端\n2017年9月22日\n\n"
        "卷首语\n\n点亮一盏灯\n\n改革是根本要求。"
    )
    articles = segment(normalize(doc(raw, date="2018-12-10", kind="magazine issue")))
    assert articles[0].date == "2017-09-22" and articles[0].date_basis == "stated"
    assert articles[1].title == "卷首语" and articles[1].date == "2018-12-10"


def test_empty_and_heading_only_documents() -> None:
    assert segment(normalize(doc(""))) == []
    only = segment(normalize(doc("舟山市总工会")))
    assert len(only) == 1 and only[0].title == "舟山市总工会"


_LINES = st.sampled_from(
    [
        "温州市瓯海区眼镜小镇联合工会",
        "杭州市下城区武林商圈工会 “杭州之心”的娘家情怀",
        "特约记者 洪菡婷",
        "本报讯 记者羊荣江 通讯员胡也可、曾甄报道 近日，浙江正邦物流有限公司工会召开第一次代表大会。",
        "眼镜小镇为构建大群团的工作格局,通过党组织和群团组织的交叉任职。",
        "2019 年底，浙江省海港集团工",
        "会、宁波舟山港集团工会与曹妃甸",
        "舟山市总工会",
        "岛际一体构建海岛特色劳动争议多",
        "元化解新格局",
        "目录 Contents",
        "- 10 杭州市下城区武林商圈工会",
        "9月3日",
        "大事记",
        "后记",
        "惟改革者进惟改革者进，，惟创新者强惟创新者强。。",
        "力打造全省首个“零欠薪园区”。**1**",
        "（本版图片由浙江省总工会提供）",
        "",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINES, max_size=40), st.sampled_from(["magazine issue", "newspaper page", ""]))
def test_any_mix_of_corpus_lines_segments_into_ordered_spans(lines: list[str], kind: str) -> None:
    document = normalize(doc("\n".join(lines), kind=kind))
    articles = segment(document)
    previous_end = -1
    for index, article in enumerate(articles):
        assert article.index == index
        assert article.start > previous_end
        assert article.text == document.text[article.start : article.end]
        assert 0 <= article.raw_start <= article.raw_end <= len(document.source.raw_text)
        previous_end = article.end
    assert bool(articles) == bool(document.text.strip())
