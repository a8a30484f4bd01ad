"""Persons (by-lines, posts, quotes) and service brands (quoted names), incl. unseen sentences."""

from __future__ import annotations

from graph_loader.extract.brands import find_brands
from graph_loader.extract.persons import find_persons


def test_bylines_and_posts():
    text = "记者李凡 通讯员张甘秋报道\n今年6月,省人大常委会副主任、省总工会主席史济锡到梦想小镇调研。"
    names = {m.surface: m.props for m in find_persons(text)}
    assert names["李凡"]["role"] == "记者"
    assert "张甘秋" in names
    assert names["史济锡"]["title"] == "主席"


def test_masthead_grid_and_toc_bylines():
    text = "王志新 叶龙茂 叶金龙\n新“娘家人”履职不含糊 /王艳 潘仙德"
    names = {m.surface for m in find_persons(text)}
    assert {"王志新", "叶龙茂", "叶金龙", "王艳", "潘仙德"} <= names


def test_unseen_speaker_and_known_leader():
    text = "“这里很温暖。”外卖骑手陈志远说。深入学习习近平总书记重要讲话精神。"
    names = {m.surface for m in find_persons(text)}
    assert "陈志远" in names and "习近平" in names


def test_brands_are_quoted_venue_or_platform_names():
    text = "打造“e港之家”,依托“杭工e家”APP,推出“水晶卡”,以“三化”为抓手,弘扬“工匠精神”,当好“娘家人”。"
    names = {m.surface for m in find_brands(text)}
    assert {"e港之家", "杭工e家", "水晶卡"} <= names
    assert not names & {"三化", "工匠精神", "娘家人"}


def test_unseen_brand_shapes():
    text = "开设“匠心书房”,上线“甬工通”小程序,打响“1+3+N”模式和“最美职工”评选。"
    names = {m.surface for m in find_brands(text)}
    assert {"匠心书房", "甬工通"} <= names
    assert "1+3+N" not in names and "最美职工" not in names
