"""Award-list pages on invented text: each list entry is a piece, blurbs are cut at their unit
line or at the paragraph that speaks of the unit signing them (——X总工会)."""

from __future__ import annotations

from graph_loader.records import SourceDocument
from graph_loader.text.normalize import normalize
from graph_loader.text.segment import segment
from graph_loader.text.segment_awards import award_pieces
from graph_loader.text.segment_lines import split_lines


def doc(raw: str, date: str) -> SourceDocument:
    return SourceDocument(id="t", path="t.txt", raw_text=raw, sha256="", encoding="utf-8",
                          kind="newspaper page", date=date)

PAGE = (
    "职工服务创新案例评选结果揭晓\n\n"
    "本报讯 日前，第二届全市职工服务创新案例评选活动在湖州市举行，共评出优秀案例4个。\n\n"
    "获奖案例名单\n\n"
    "湖州市吴兴区总工会\n\n“织里小站”让童装工人午间有处歇\n\n"
    "德清县总工会\n\n“莫干夜课”开进厂区\n\n"
    "安吉县递铺街道总工会\n\n竹业企业劳资恳谈会常态化\n\n"
    "长兴县总工会\n\n“长兴工友汇”一键办事\n\n"
    "案例风采\n\n"
    "湖州市吴兴区总工会\n\n"
    "去年起，区总工会在织里镇童装园区布点建设“织里小站”12个，配有微波炉和饮水机。\n\n"
    "安吉竹业企业多达300余家，劳资沟通长期不畅。\n\n"
    "2021年，在街道总工会牵头下，竹业企业每季度召开劳资恳谈会。\n\n"
    "——安吉县递铺街道总工会\n\n"
    "长兴县总工会\n\n"
    "长兴县总工会上线“长兴工友汇”，职工扫码即可办理入会。\n"
)


def test_entries_and_blurbs_are_cut() -> None:
    articles = segment(normalize(doc(PAGE, date="2023-05-10")))
    entries = [a for a in articles if a.kind == "entry"]
    assert [a.unit for a in entries] == ["湖州市吴兴区总工会", "德清县总工会", "安吉县递铺街道总工会", "长兴县总工会"]
    assert entries[1].title == "“莫干夜课”开进厂区"
    blurbs = [a for a in articles if a.kind == "blurb"]
    assert [a.unit for a in blurbs] == ["湖州市吴兴区总工会", "安吉县递铺街道总工会", "长兴县总工会"]
    signed = blurbs[1]
    assert signed.text.startswith("安吉竹业企业") and "织里" not in signed.text
    assert "织里小站" in blurbs[0].text and "竹业" not in blurbs[0].text
    assert articles[0].kind == "article" and "评选活动" in articles[0].text


def test_two_unit_headings_are_not_a_list() -> None:
    raw = ("湖州市吴兴区总工会\n\n“织里小站”暖人心\n\n德清县总工会\n\n夜课进厂\n\n"
           "正文说明了两家工会的做法，写得很长很长很长。\n")
    assert award_pieces(split_lines(normalize(doc(raw, date="2023-05-10")).text)) is None
