"""Years the extractor gives to ADOPTS from what an article states, on invented articles.

Three rules: a body that opens with a bare year dates its headline union's undated adoptions
(rel_practices.period_year); a brand's launch sentence dates the practice its operator adopts
through it (inference.brand-adopts); an alliance of unions is dated by the sentence that forms it
(`结成联盟`, founding_year(alliance=True)). Every unit and sentence here is made up.
"""

from __future__ import annotations

from graph_loader.extract.rel_practices import founded_in
from graph_loader.reference.lexicon import founding_words
from tests.support.extraction import extract_text, inferred_text

DATE = "2022-06-30"


def _adopts(text: str, title: str, date: str = DATE) -> dict[tuple[str, str], dict]:
    """(head, practice) → props of every ADOPTS record of the article."""
    ex = extract_text(text, title, date)
    return {(r.head.label, r.tail.label): r.props for r in ex.relations if r.type == "ADOPTS"}


def _inferred(text: str, title: str, rule: str, date: str = DATE) -> list:
    """The edges one inference rule makes, before records merge them with the cue-found ADOPTS
    of the same practice (which keep their own year), so a test sees that rule's year alone."""
    return [r for r in inferred_text(text, title, date) if r.rule == f"inference.{rule}"]


# --- 1. a body opening with a bare year is the period of its headline union's work ------------

TOWN_TITLE = "青禾县柳塘镇总工会 暖心护航"
TOWN = "青禾县柳塘镇总工会"
LATER = "还组织职工志愿服务队走进社区。\n"  # no subject, no date: the headline union's, undated
VOLUNTEER = (TOWN, "practice:volunteer-service")
TRAINING = (TOWN, "practice:skills-training")


def _town(first_line: str, rest: str = LATER) -> dict[tuple[str, str], dict]:
    return _adopts(f"{TOWN_TITLE}\n{first_line}\n{rest}", TOWN_TITLE)


def test_a_bare_year_opening_the_body_dates_the_headline_unions_undated_adoption() -> None:
    """The article reports that year's work: a later subjectless sentence happened in it."""
    found = _town(f"2018年，{TOWN}按照县总工会部署，开展职工技能培训。")
    assert found[VOLUNTEER]["rule"] == "adoptions.headline"
    assert found[VOLUNTEER]["year"] == 2018
    assert found[TRAINING]["year"] == 2018  # its own sentence states the year


def test_a_year_split_from_its_year_word_still_opens_the_period() -> None:
    """`2018 年，` (a stray space, as in scanned pages) is the same bare year."""
    assert _town(f"2018 年，{TOWN}开展职工技能培训。")[VOLUNTEER]["year"] == 2018


def test_a_sentence_that_states_its_own_year_keeps_it() -> None:
    """The period only fills a gap: a date the sentence states is the one the text supports."""
    found = _town(f"2018年，{TOWN}开展职工技能培训。", "2020年，还组织职工志愿服务队走进社区。\n")
    assert found[VOLUNTEER]["year"] == 2020


def test_since_a_year_opens_a_period_too() -> None:
    """The lead regex accepts `2018年以来，`: the work it reports started in that year."""
    assert _town(f"2018年以来，{TOWN}开展职工技能培训。")[VOLUNTEER]["year"] == 2018


def test_a_body_without_an_opening_year_gives_no_period() -> None:
    """A year further down (the second body line) is that paragraph's, not the article's."""
    found = _town(f"{TOWN}开展职工技能培训。", f"2018年，{TOWN}开展困难职工帮扶。\n{LATER}")
    assert found[(TOWN, "practice:hardship-assistance")]["year"] == 2018
    assert "year" not in found[VOLUNTEER]
    assert "year" not in found[TRAINING]


def test_this_year_so_far_dates_nothing() -> None:
    """`今年以来，` is the window a report covers, not when its practices began: neither the
    sentence that states it nor the later headline adoption is dated; `去年以来` still is."""
    found = _town(f"今年以来，{TOWN}开展职工技能培训。")
    assert "year" not in found[TRAINING]
    assert "year" not in found[VOLUNTEER]
    assert _town(f"去年以来，{TOWN}开展职工技能培训。")[TRAINING]["year"] == 2021


def test_a_year_and_month_is_no_bare_year() -> None:
    """`2018年5月，` dates one event of the year, not the period the article reports."""
    found = _town(f"2018年5月，{TOWN}开展职工技能培训。")
    assert found[TRAINING]["year"] == 2018
    assert "year" not in found[VOLUNTEER]


def test_a_year_inside_the_first_line_is_no_lead() -> None:
    """Only a year the line opens with is the period (`…在2018年，` is one fact's date)."""
    found = _town(f"{TOWN}在2018年，开展职工技能培训。")
    assert "year" not in found[VOLUNTEER]


def test_the_period_dates_only_the_headline_path() -> None:
    """A sentence naming its doer (path subject) gets a year from itself or none."""
    found = _town(f"2018年，{TOWN}开展职工技能培训。", f"{TOWN}还组织职工志愿服务队走进社区。\n")
    assert found[VOLUNTEER]["rule"] == "adoptions.subject"
    assert "year" not in found[VOLUNTEER]


# --- 2. brand-adopts carries the year of the sentence that launches the brand -----------------

COUNTY_TITLE = "青禾县总工会 指尖上的服务"
COUNTY = "青禾县总工会"
PLATFORM = (COUNTY, "practice:digital-union-platform")


def _brand(body: str) -> dict:
    found = _adopts(f"{COUNTY_TITLE}\n{body}\n", COUNTY_TITLE)
    assert found[PLATFORM]["rule"] == "inference.brand-adopts"  # the only source of the edge
    return found[PLATFORM]


def test_a_brand_launched_in_a_stated_year_dates_the_adoption() -> None:
    """The operator adopts the practice when it launched the brand that is an instance of it."""
    assert _brand(f"2021年，{COUNTY}上线“青禾职工e站”数字服务平台，职工可在线办理入会。")["year"] == 2021
    assert _brand(f"{COUNTY}于2020年上线“青禾职工e站”数字服务平台。")["year"] == 2020


def test_a_relative_launch_date_resolves_against_the_article_date() -> None:
    """去年3月 in an article of 2022 is 2021."""
    assert _brand(f"去年3月，{COUNTY}上线“青禾职工e站”数字服务平台。")["year"] == 2021


def test_a_brand_launched_without_a_date_has_no_year() -> None:
    """No date stated, a vague one (近年来), or one only in the sentence before: no year."""
    assert "year" not in _brand(f"{COUNTY}上线“青禾职工e站”数字服务平台，职工可在线办理入会。")
    assert "year" not in _brand(f"近年来，{COUNTY}上线“青禾职工e站”数字服务平台。")
    assert "year" not in _brand(f"2021年，{COUNTY}深化服务。{COUNTY}上线“青禾职工e站”数字服务平台。")


def test_a_target_year_after_the_brand_is_no_start() -> None:
    """`到2025年` is a goal after the article date, not when the platform went live."""
    assert "year" not in _brand(f"{COUNTY}上线“青禾职工e站”数字服务平台，到2025年覆盖全县职工。")


# --- 3. an alliance of unions is dated by the sentence that forms it --------------------------

ALLIANCE_TITLE = "青禾县柳塘镇楼宇工会联盟 抱团聚力"
ALLIANCE = "青禾县柳塘镇楼宇工会联盟"


def _alliance_year(body: str) -> int | None:
    """The year inference.alliance gives the alliance (its one edge for the headline union)."""
    [edge] = _inferred(f"{ALLIANCE_TITLE}\n{body}\n", ALLIANCE_TITLE, "alliance")
    assert edge.head.name == ALLIANCE and edge.tail == "practice:union-alliance"
    return edge.props.get("year")


def test_founding_words_are_data() -> None:
    """practice_cues.yaml `founding_words` holds 结成 (an alliance is formed, not 成立)."""
    assert {"结成", "成立", "挂牌"} <= set(founding_words())
    assert founded_in("5家楼宇工会结成联盟。")
    assert not founded_in("5家楼宇工会开展联谊活动。")


def test_forming_an_alliance_dates_it_by_the_word_alliance() -> None:
    """`结成联盟` names the alliance only by its form word 联盟, as `组建联合会` does a joint union."""
    assert _alliance_year("2019年5月，柳塘镇5家楼宇工会签订协作协议，结成联盟。") == 2019


def test_forming_a_named_alliance_is_read_across_its_modifiers() -> None:
    """`结成了覆盖…的“X工会联盟”`: the object is the alliance though a modifier sits between."""
    body = f"2019年5月，5家楼宇工会签订协作协议，结成了覆盖全镇32家企业的“{ALLIANCE}”。"
    assert _alliance_year(body) == 2019
    record = _adopts(f"{ALLIANCE_TITLE}\n{body}\n", ALLIANCE_TITLE)[(ALLIANCE, "practice:union-alliance")]
    assert (record["rule"], record["year"]) == ("inference.alliance", 2019)  # no cue frame dates it instead


def test_an_alliance_founded_as_subject_is_dated() -> None:
    """`X工会联盟于2019年5月成立`: the alliance's own founding, date after the verb."""
    assert _alliance_year(f"{ALLIANCE}于2019年5月成立，开展职工技能培训。") == 2019


def test_forming_something_else_does_not_date_the_alliance() -> None:
    """结成 with another object (帮扶对子) founds no alliance: no year."""
    assert _alliance_year(f"2018年，5家楼宇工会结成帮扶对子。{ALLIANCE}开展职工技能培训。") is None


def test_an_alliance_named_far_from_the_verb_is_not_its_object() -> None:
    """The object is read within 24 characters of 结成; past that the clause is about other things."""
    body = (f"2019年5月，5家楼宇工会签订协作协议，结成了覆盖全镇32家企业、服务职工一万余人的新型职工服务"
            f"“{ALLIANCE}”。")
    assert _alliance_year(body) is None


def test_forming_an_alliance_does_not_date_a_joint_union() -> None:
    """联盟 is the form word only for an alliance: a 工会联合会 is not founded by `结成联盟`."""
    title = "青禾县柳塘镇工会联合会 抱团聚力"
    union = "青禾县柳塘镇工会联合会"
    found = _adopts(f"{title}\n2019年，镇内5家企业工会结成联盟。{union}开展职工技能培训。\n", title)
    assert found[(union, "practice:joint-union-formation")]["rule"] == "adoptions.joint-form"
    assert "year" not in found[(union, "practice:joint-union-formation")]


def test_a_future_opening_year_is_a_target_not_a_period() -> None:
    """`2025年，…` in a 2022 article is a target year: it dates nothing of the headline union."""
    found = _town(f"2025年，{TOWN}开展职工技能培训。")
    assert found[VOLUNTEER].get("year") is None

