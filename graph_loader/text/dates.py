"""Explicit and relative Chinese date phrases, resolved against the article's date.

The graph records *when* a union did something (a programme's year, a pilot's start), and
the texts say it the way newspapers do: `2018年12月10日`, `9月20日` (year from context),
`4月23-24日`, `今年6月`, `去年底`, `2019年底`, `近年来`. A phrase resolves to the most
precise ISO value the text supports ("2018-12-10", "2017-09", "2019"). Phrases relative to
a reference point (今年, 去年, 近年来, 上半年) or vague (…底, …以来) are flagged `relative`
so a consumer can weigh them; a bare `9月20日` is explicit, its year taken from the
article date.

One linear regex pass finds the phrases (alternatives longest first, so `2018年12月10日` is
one mention, not three); each phrase is then read by `_resolve`.
"""

from __future__ import annotations

import re

from graph_loader.records import DateMention

_DAY = r"[0-3]?\d(?:[-—–~至到][0-3]?\d)?\s?[日号]"
_MONTH = r"(?:1[0-2]|0?[1-9])\s?月"
_PART = r"(?:上半年|下半年|以来|年初|年底|年末|初|底|末|上旬|中旬|下旬)"
_REL = r"(?:今年|去年|前年|明年|当年|同年|本年)"

DATE_PATTERN = re.compile(
    rf"(?<!\d)(?:19|20)\d{{2}}\s?年(?:\s?{_MONTH}(?:\s?{_DAY})?)?{_PART}?"
    rf"|{_REL}(?:\s?{_MONTH}(?:\s?{_DAY})?)?{_PART}?"
    rf"|(?<![\d年.])(?<![\d年.] ){_MONTH}(?:\s?{_DAY})?{_PART}?"
    r"|近(?:[两三四五几]|\d{1,2})?年来?"
    r"|(?<![年今去明前当同本\d])(?:上半年|下半年|年初|年底|年末)"
)
_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s?年")
_MONTH_RE = re.compile(r"(?<!\d)(1[0-2]|0?[1-9])\s?月")
_DAY_RE = re.compile(r"月\s?([0-3]?\d)(?:[-—–~至到][0-3]?\d)?\s?[日号]")
_REL_OFFSET = {"今年": 0, "本年": 0, "当年": 0, "同年": 0, "去年": -1, "前年": -2, "明年": 1}


def _year_of(date: str) -> int | None:
    match = re.match(r"(\d{4})", date or "")
    return int(match.group(1)) if match else None


def _resolve(phrase: str, base_year: int | None) -> tuple[str, bool] | None:
    """(ISO value, relative) for one phrase; None when it is not a valid date."""
    relative = False
    year_match = _YEAR_RE.search(phrase)
    if year_match:
        year: int | None = int(year_match.group(1))
    elif phrase[:2] in _REL_OFFSET:
        year = None if base_year is None else base_year + _REL_OFFSET[phrase[:2]]
        relative = True
    else:
        year = base_year  # 9月20日: explicit, its year taken from the article date
    month_match = _MONTH_RE.search(phrase)
    month = int(month_match.group(1)) if month_match else None
    day_match = _DAY_RE.search(phrase)
    day = int(day_match.group(1)) if day_match else None
    if day is not None and not 1 <= day <= 31:
        return None
    if month is None:
        if phrase.endswith(("底", "末")):
            month, relative = 12, True
        elif phrase.endswith("初"):
            month, relative = 1, True
        elif phrase.endswith(("上半年", "下半年", "以来")) or phrase.startswith("近"):
            relative = True
    elif phrase.endswith(("以来", "底", "末", "初", "旬")):
        relative = True
    if year is None:
        return "", relative
    if month is None:
        return f"{year:04d}", relative
    if day is None:
        return f"{year:04d}-{month:02d}", relative
    return f"{year:04d}-{month:02d}-{day:02d}", relative


def find_dates(text: str, article_date: str = "") -> list[DateMention]:
    """Every date phrase in `text`, resolved against `article_date` (ISO, may be partial).

    A phrase whose year cannot be known (`9月20日` with no article date) is still returned,
    with value "", so a caller sees that the text dates something.
    """
    base_year = _year_of(article_date)
    mentions: list[DateMention] = []
    for match in DATE_PATTERN.finditer(text):
        resolved = _resolve(match.group(), base_year)
        if resolved is None:
            continue
        value, relative = resolved
        mentions.append(
            DateMention(
                phrase=match.group(), value=value, start=match.start(), end=match.end(), relative=relative
            )
        )
    return mentions


def parse_date(phrase: str, article_date: str = "") -> str:
    """ISO value of the first date phrase in `phrase`, or "" when there is none."""
    found = find_dates(phrase, article_date)
    return found[0].value if found else ""


def stated_date(sentence: str, pos: int, article_date: str = "") -> DateMention | None:
    """The date a sentence states for the fact at `pos` (`2019年，…创办工匠学堂`, `工会于2017年11月成立`).

    The nearest date phrase before `pos`, else the first one after it. Vague phrases (近年来,
    近三年) state no date, and neither does a phrase that resolves after the article date (a
    target year such as 到2025年). None when the sentence states no usable date.
    """
    limit = _year_of(article_date)
    usable = [
        m for m in find_dates(sentence, article_date)
        if m.value and not m.phrase.startswith("近") and (limit is None or int(m.value[:4]) <= limit)
    ]
    before = [m for m in usable if m.start < pos]
    if before:
        return before[-1]
    after = [m for m in usable if m.start >= pos]
    return after[0] if after else None
