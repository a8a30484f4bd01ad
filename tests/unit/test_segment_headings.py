"""Line classes and heading fields (by-lines, unit names in titles), and the text commands.

Why apart from the segmentation tests: these are the small grammars the segmenter reads a
heading with, tested line by line; the commands print what segmentation produces.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph_loader.text.headings import find_unit, parse_authors
from graph_loader.text.segment_lines import classify
from tests.support.paths import CORPUS, needs_corpus


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        (
            "本报讯 记者羊荣江 通讯员胡也可、曾甄报道 近日，浙江正邦物流有限公司工会召开第一次代表大会。",
            [("羊荣江", "记者"), ("胡也可", "通讯员"), ("曾甄", "通讯员")],
        ),
        (
            "记者李凡 通讯员张甘秋报道4月23-24日,全国非公企业工会建设三年行动启动部署会召开。",
            [("李凡", "记者"), ("张甘秋", "通讯员")],
        ),
        ("本报讯 记者邹伟锋摄影 报道 近日，温州市总工会举行集中入会仪式。", [("邹伟锋", "记者")]),
        ("特约记者 王艳 潘仙德", [("王艳", "特约记者"), ("潘仙德", "特约记者")]),
        ("□ 记者 阮向民 通讯员 李娟", [("阮向民", "记者"), ("李娟", "通讯员")]),
        (
            "通讯员陈培玉、祝琳、范裕婷报道 器物有形,匠心无界。",
            [("陈培玉", "通讯员"), ("祝琳", "通讯员"), ("范裕婷", "通讯员")],
        ),
        ("记者阮向民", [("阮向民", "记者")]),
    ],
)
def test_parse_authors(byline: str, expected: list[tuple[str, str]]) -> None:
    assert [(a.name, a.role) for a in parse_authors(byline)] == expected


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("温州市瓯海区眼镜小镇联合工会", "unit"),
        ("永康经济开发区", "unit"),
        ("杭州市下城区武林商圈工会 “杭州之心”的娘家情怀", "unit_title"),
        ("打造创新创优的品牌工会", "heading"),
        ("特约记者 洪菡婷", "byline"),
        ("9月3日", "date"),
        ("- 10 杭州市下城区武林商圈工会", "list"),
        ("（本版图片由浙江省总工会提供）", "caption"),
        ("周静 阮向民", "names"),
        ("浙江省总工会党组书记、副主席", "signature"),
        ("杭州市余杭区人大常委会副主任、总工会主席 杜坚强", "author"),
        ("卷首语", "label"),
        ("景宁是全国唯一畲族自治县。", "body"),
    ],
)
def test_classify(line: str, kind: str) -> None:
    assert classify(line) == kind


@pytest.mark.parametrize(
    ("title", "unit"),
    [
        ("干货满满杭州西湖区总工会举办企业劳动关系调解委员会主任培训会", "杭州西湖区总工会"),
        ("嘉兴市南湖区总工会“工匠课堂”点亮产业工人职场路", "嘉兴市南湖区总工会"),
        ("宁波海建工会“新型带徒制”搭建成才“快车道”", "宁波海建工会"),
        ("设施更完善", ""),
        ("新业态工会“动”起来", ""),
        ("工会“小灵通”打造工会公益慈善生态圈", ""),
        ("安吉县总工会推行“重点建”方式", "安吉县总工会"),
    ],
)
def test_find_unit(title: str, unit: str) -> None:
    assert find_unit(title) == unit


# --------------------------------------------------------------------------- commands


@needs_corpus
def test_cli_segment_jsonl_and_table() -> None:
    from ukg.cli import app

    runner = CliRunner()
    result = runner.invoke(app, ["segment", str(CORPUS / "2022-reform-projects.txt")])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) >= 20
    assert set(records[0]) == {
        "doc",
        "index",
        "title",
        "subtitle",
        "unit",
        "authors",
        "date",
        "date_basis",
        "kind",
        "start",
        "end",
        "raw_start",
        "raw_end",
        "text",
    }
    assert records[1]["doc"] == "2022-reform-projects" and records[1]["unit"] == "浙江省省部属企事业工会"
    table = runner.invoke(app, ["segment", str(CORPUS / "2022-reform-projects.txt"), "--format", "table"])
    assert table.exit_code == 0 and "东阳市总工会" in table.stdout


def test_cli_normalize_prints_text(tmp_path: Path) -> None:
    from ukg.cli import app

    path = tmp_path / "a.txt"
    path.write_text("强基固本强基固本 变革重塑变革重塑\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["normalize", str(path)])
    assert result.exit_code == 0
    assert result.stdout == "强基固本 变革重塑\n"


def test_cli_errors_are_input_errors(tmp_path: Path) -> None:
    from graph_loader.errors import InputError
    from ukg.cli import app

    result = CliRunner().invoke(app, ["segment", str(tmp_path / "missing.txt")])
    assert isinstance(result.exception, InputError)
    path = tmp_path / "a.txt"
    path.write_text("工会", encoding="utf-8")
    result = CliRunner().invoke(app, ["segment", str(path), "--format", "xml"])
    assert isinstance(result.exception, InputError) and "xml" in str(result.exception)
