"""Date phrases from the corpus, explicit and relative, resolved against the article date."""

from __future__ import annotations

import pytest

from graph_loader.text.dates import find_dates, parse_date


def values(text: str, article_date: str = "") -> list[tuple[str, str, bool]]:
    return [(m.phrase, m.value, m.relative) for m in find_dates(text, article_date)]


@pytest.mark.parametrize(
    ("text", "article_date", "expected"),
    [
        # explicit
        ("总第 407、408 期 2018年12月10日出版", "", [("2018年12月10日", "2018-12-10", False)]),
        ("浙江新闻客户端 2017年9月22日", "", [("2017年9月22日", "2017-09-22", False)]),
        (
            "2017年9月、2018年初在省委确定全省291家群团改革试点后",
            "2018-12-10",
            [("2017年9月", "2017-09", False), ("2018年初", "2018-01", True)],
        ),
        (
            "9月20日，第二届全省工会改革创新项目展评活动在平湖举行。",
            "2022-09-20",
            [("9月20日", "2022-09-20", False)],
        ),
        (
            "4月23-24日,全国非公企业工会建设三年行动启动部署会",
            "2024-04-25",
            [("4月23-24日", "2024-04-23", False)],
        ),
        ("2019年，文化宫升级改造，功能恢复。", "2022-09-20", [("2019年", "2019", False)]),
        ("2018 年 12 月 10 日出版", "", [("2018 年 12 月 10 日", "2018-12-10", False)]),
        # relative
        (
            "今年6月，安吉县总工会将针对新就业形态劳动者开展公益体检服务。",
            "2024-04-25",
            [("今年6月", "2024-06", True)],
        ),
        (
            "今年 8 月，东阳市振兴路地摊经济联合工会成立两周年。",
            "2022-09-20",
            [("今年 8 月", "2022-08", True)],
        ),
        ("去年底，小镇工会联合会正式成立。", "2018-12-10", [("去年底", "2017-12", True)]),
        ("2019 年底，浙江省海港集团工会、宁波舟山港集团工会", "2022-09-20", [("2019 年底", "2019-12", True)]),
        ("近年来，宁波工会坚持问题导向。", "2024-04-25", [("近年来", "2024", True)]),
        ("上半年共计检查各类企业273家次。", "2018-12-10", [("上半年", "2018", True)]),
        ("2023年以来,宁波市基层工会组织扩面提质实现了新突破。", "2024-04-25", [("2023年以来", "2023", True)]),
        ("截至今年9月底,党群服务中心已完成整体工程量的90%。", "2018-12-10", [("今年9月底", "2018-09", True)]),
        (
            "去年，上虞区总工会揭牌成立了我省首个区级职工心理健康服务中心。",
            "2022-06",
            [("去年", "2021", True)],
        ),
    ],
)
def test_corpus_date_phrases(text: str, article_date: str, expected: list[tuple[str, str, bool]]) -> None:
    assert values(text, article_date) == expected


def test_offsets_are_within_the_given_text() -> None:
    text = "近日，绍兴市总工会开展活动。5月以来，参加人数超过100人。"
    for mention in find_dates(text, "2022-06"):
        assert text[mention.start : mention.end] == mention.phrase


def test_no_article_date_leaves_inferred_years_empty() -> None:
    assert values("9月20日，展评活动在平湖举行。") == [("9月20日", "", False)]
    assert values("今年6月") == [("今年6月", "", True)]


@pytest.mark.parametrize(
    "text",
    [
        "服务热线12351等内容进行了培训。",  # a phone number is not a year
        "累计开展40多场活动，780多场课程。",
        "选树工会“精特亮”项目85个。",
    ],
)
def test_numbers_that_are_not_dates(text: str) -> None:
    assert find_dates(text, "2024-04-25") == []


def test_impossible_dates_are_ignored() -> None:
    assert values("9月32日", "2020") == []
    assert values("13月5日", "2020") == []


def test_parse_date() -> None:
    assert parse_date("2018年12月10日出版") == "2018-12-10"
    assert parse_date("今年8月", "2022-09-20") == "2022-08"
    assert parse_date("没有日期") == ""
