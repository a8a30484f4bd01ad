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


# --- the start date of an adoption (ADOPTS.year, evidence dating) ---------------------------

from graph_loader.text.dates import adoption_date  # noqa: E402


def start_of(sentence: str, cue: str, article_date: str = "2021-06-30", previous: int | None = None) -> str | None:
    at = sentence.index(cue)
    found = adoption_date(sentence, at, article_date, previous, at + len(cue))
    return found.value if found else None


@pytest.mark.parametrize(
    ("sentence", "cue", "expected"),
    [
        ("2016年以来，青溪镇总工会坚持开办职工书屋。", "职工书屋", "2016"),
        ("去年起，园区工会在停车场建起爱心驿站。", "爱心驿站", "2020"),
        ("青溪镇总工会于2019年3月开设职工学堂。", "职工学堂", "2019-03"),
        ("园区联合工会成立于2018年，覆盖企业40家。", "联合工会", "2018"),  # after the cue, same clause
        # a founding clause keeps its date: the contest of the next clause is not dated by it
        ("去年初，云梯小镇工会联合会成立，以劳动竞赛为主线服务职工。", "劳动竞赛", None),
        # ... unless the next clause reports a start too (a sequence of the year's events)
        ("2019年成立筹备小组，在县总工会指导下，成立了云梯小镇工会联合会。", "工会联合会", "2019"),
        ("被授予“模范职工之家”称号，并在今年获得表彰。", "职工之家", None),  # a later clause
        ("园区开展2020年度技能竞赛。", "技能竞赛", None),  # an edition, not a start
        ("签订《2019年度工资集体协商协议》。", "工资集体协商", None),  # inside a title
        ("张明，1978年生，现任云梯小镇工会联合会主席。", "工会联合会", None),  # a birth year
        ("自2017年起每年评选“青溪工匠”，累计创建创新工作室30家。", "创新工作室", None),  # a tally
        ("小镇工会去年迄今创建职工之家8个。", "职工之家", None),  # 迄今: how long, not when
        ("今年5月，青溪镇快递行业联合工会成立三周年。", "联合工会", "2018"),  # counted back
        ("近三年来，园区工会开办工匠学堂。", "工匠学堂", None),  # vague
        ("今年以来，园区工会开办工匠学堂。", "工匠学堂", None),  # the report's window
        ("今年来，园区工会开办工匠学堂。", "工匠学堂", None),  # the same, colloquial
        ("今年3月以来，园区工会开办工匠学堂。", "工匠学堂", "2021-03"),  # a month: a start
        ("今年，园区工会开办工匠学堂。", "工匠学堂", "2021"),  # this year, no window: a start
        ("截至2020年底，园区工会共有职工书屋12家。", "职工书屋", None),  # a stock as of then
        ("车友热线今年帮司机挽回损失\n本报讯 园区工会推出线上入会。", "线上入会", None),  # a title line
        ("9月11日\n园区工会开通职工服务热线。", "服务热线", "2021-09-11"),  # a dateline dates its entry
    ],
)
def test_adoption_date(sentence: str, cue: str, expected: str | None) -> None:
    assert start_of(sentence, cue) == expected


def test_same_year_refers_to_the_year_stated_before() -> None:
    sentence = "2020年起牵头开展行业工价协商，当年即签下工资专项集体合同。"
    assert start_of(sentence, "集体合同") == "2020"
    assert start_of("当年即设立劳动争议调解室。", "调解室", previous=2019) == "2019"
    assert start_of("当年即设立劳动争议调解室。", "调解室") is None  # no year before: no date


@pytest.mark.parametrize(
    ("sentence", "cue", "expected"),
    [
        ("在今年的走访中，青禾县柳塘镇总工会建立欠薪预警机制。", "欠薪", None),
        ("在2019年的专项检查中，青禾县柳塘镇总工会设立劳动争议调解室。", "调解室", None),
        ("在去年的走访基础上，今年3月青禾县柳塘镇总工会建立欠薪预警机制。", "欠薪", "2021-03"),
        ("今年，青禾县柳塘镇总工会建立欠薪预警机制。", "欠薪", "2021"),  # no 的: a start
    ],
)
def test_a_date_qualifying_a_noun_is_no_start(sentence: str, cue: str, expected: str | None) -> None:
    """A date that qualifies a noun (`在今年的走访中`, `_NOT_A_START` 的) says when something was
    looked at, not when the practice of the clause began; a nearer plain date still dates it."""
    assert start_of(sentence, cue) == expected


@pytest.mark.parametrize(
    ("sentence", "cue", "expected"),
    [
        ("2017年3月，青禾县柳塘镇工会联合会在柳塘党群服务中心正式成立。", "党群服务中心", None),
        ("2017年3月，青禾县柳塘镇工会联合会在柳塘职工书屋挂牌。", "职工书屋", None),
        ("2017年3月，青禾县柳塘镇工会联合会在柳塘党群服务中心正式成立。", "工会联合会", "2017-03"),
        ("2017年3月，青禾县柳塘镇总工会在镇区建成党群服务中心。", "党群服务中心", "2017-03"),
        ("2017年3月，柳塘党群服务中心在青禾县柳塘镇揭牌成立。", "党群服务中心", "2017-03"),
    ],
)
def test_the_venue_of_a_founding_is_not_dated_by_it(sentence: str, cue: str, expected: str | None) -> None:
    """A cue that is only the venue of a founding (`…工会联合会在…党群服务中心正式成立`,
    `_VENUE_OF_FOUNDING`) did not start on the founding's date; the founded body, a venue built
    (no founding) and a venue that is itself founded (its own subject) keep the date."""
    assert start_of(sentence, cue) == expected


@pytest.mark.parametrize(
    ("sentence", "cue", "expected"),
    [
        ("2019年5月的一天，青禾县柳塘镇总工会开通职工服务热线。", "服务热线", "2019-05"),  # 的一天: a moment
        ("2017年3月，青禾县柳塘镇总工会在镇文化礼堂成立爱心驿站。", "爱心驿站", "2017-03"),  # founded, not venue
    ],
)
def test_a_day_and_a_founded_venue_keep_their_date(sentence: str, cue: str, expected: str) -> None:
    """`X年X月的一天` names the moment itself, and a venue that the clause founds after the
    venue phrase (在礼堂成立爱心驿站) is the thing founded: both keep the date."""
    assert start_of(sentence, cue) == expected


@pytest.mark.parametrize(
    ("sentence", "cue", "expected"),
    [
        # an honour received or applied for dates the honour
        ("今年，青禾县柳塘镇工会联合会获得“市级五星级工会”称号。", "五星级", None),
        ("2020年青禾县柳塘镇总工会申报创建1家省级“职工书屋”。", "职工书屋", None),
        ("2020年，柳塘镇总工会被评为“六有”工会。", "六有", None),
        ("2020年，柳塘镇8家企业新评为劳动关系和谐企业。", "和谐企业", "2020"),  # the body's own rating
        # attending a training on the practice dates the training
        ("今年3月，柳塘镇总工会组织干部参加工资集体协商培训。", "工资集体协商", None),
        ("今年3月，柳塘镇总工会开展工资集体协商。", "工资集体协商", "2021-03"),
        # a meeting held to push the programme dates the meeting
        ("5月8日，全市工会实名制管理工作推进会在柳塘召开。", "实名制", None),
        # a cue in the background phrase of the clause
        ("2018年初，省委在总结柳塘镇群团改革试点经验的基础上确定了新一批试点。", "群团改革试点", None),
        # existing services moved onto a platform, or shared venues
        ("2020年，市总工会上线“柳工e站”，把入会转会、困难帮扶申请等12项服务搬上“云端”。", "困难帮扶", None),
        ("自去年以来，园区实现“职工书屋”“谈心室”等阵地的共建共享。", "职工书屋", None),
        # the venue where something else is set up
        ("今年柳塘镇总工会在镇党群服务中心创建职工活动室。", "党群服务中心", None),
        ("今年柳塘镇总工会在镇党群服务中心创建职工活动室。", "职工活动室", "2021"),
        # a visit, a match or a show on one day; a skills contest on a day is the practice itself
        ("9月2日，柳塘镇总工会看望慰问困难职工，并送去慰问金。", "慰问金", None),
        ("3月4日，柳塘镇总工会在园区举办职工篮球赛，丰富职工文体生活。", "文体", None),
        ("5月3日，柳塘镇总工会举办职工技能大赛。", "技能大赛", "2021-05-03"),
        # members enrolled at a founding share its date
        ("今年3月，柳塘镇快递行业工会联合会成立，86名快递员集中入会。", "快递员", "2021-03"),
        # two dates side by side leave open which one is the fact's
        ("去年9月和今年2月，省委选定的柳塘镇等试点单位中有新业态单位。", "试点", None),
        ("2016年、2017年柳塘小镇再度获评优秀小镇。", "小镇", None),
    ],
)
def test_a_date_of_an_event_around_the_cue_is_no_start(sentence: str, cue: str, expected: str | None) -> None:
    """The date of an honour, an attended training, a promotion meeting, a background phrase, a
    move onto a platform, a venue's other use or a visit is not when the practice began, and two
    coordinated dates leave it open; the practice done itself in the clause keeps its date."""
    assert start_of(sentence, cue) == expected


def test_a_tally_with_gong_you_dates_nothing() -> None:
    """`共有…` counts people over a period: the day before it (结业) dates no practice."""
    sentence = "暑期班7月9日开班、8月10日结业，共有学员86名、志愿者12名。"
    assert start_of(sentence, "志愿者") is None
