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

import functools
import re

from graph_loader.records import DateMention

_DAY = r"[0-3]?\d(?:[-—–~至到][0-3]?\d)?\s?[日号]"
_MONTH = r"(?:1[0-2]|0?[1-9])\s?月"
_PART = r"(?:上半年|下半年|以来|年初|年底|年末|初|底|末|上旬|中旬|下旬)"
_REL = r"(?:今年|去年|前年|明年|当年|同年|本年)"

DATE_PATTERN = re.compile(
    rf"(?<!\d)(?<!\d\s)(?:19|20)(?:\s?\d){{2}}\s?年(?:\s?{_MONTH}(?:\s?{_DAY})?)?{_PART}?"
    rf"|{_REL}(?:\s?{_MONTH}(?:\s?{_DAY})?)?{_PART}?"
    rf"|(?<![\d年.])(?<![\d年.] ){_MONTH}(?:\s?{_DAY})?{_PART}?"
    r"|近(?:[两三四五几]|\d{1,2})?年来?"
    r"|(?<![年今去明前当同本\d])(?:上半年|下半年|年初|年底|年末)"
)
# a PDF's stray space may split the digits of a year (20 20年)
_YEAR_RE = re.compile(r"((?:19|20)(?:\s?\d){2})\s?年")
_MONTH_RE = re.compile(r"(?<!\d)(1[0-2]|0?[1-9])\s?月")
_DAY_RE = re.compile(r"月\s?([0-3]?\d)(?:[-—–~至到][0-3]?\d)?\s?[日号]")
_YEAR_AT_START = re.compile(r"(\d{4})")
_REL_OFFSET = {"今年": 0, "本年": 0, "当年": 0, "同年": 0, "去年": -1, "前年": -2, "明年": 1}


def _year_of(date: str) -> int | None:
    match = _YEAR_AT_START.match(date or "")
    return int(match.group(1)) if match else None


def _resolve(phrase: str, base_year: int | None) -> tuple[str, bool] | None:
    """(ISO value, relative) for one phrase; None when it is not a valid date."""
    relative = False
    year_match = _YEAR_RE.search(phrase)
    if year_match:
        year: int | None = int(year_match.group(1).replace(" ", ""))
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


# What a date phrase is followed by when it names no moment a practice began: an edition or a
# budget year (2018年度, 2020年版), a birth year (1979年生), a term (2017年至2021年任…), a
# date that qualifies a noun (在今年的排查中).
_NOT_A_START = re.compile(r"\s?(?:度|版|届|生|出生|的(?![一那某]天)|[至到—–-]\s?(?:19|20)\d{2}|[至到迄]今)")
# A clause of totals or repetition (累计创建…, 连续举办五届…) tells how much, not when it began:
# a date from another clause does not date it.
_TALLY = re.compile(r"累计|连续|已命名|共计|共有|总计|至今|迄今|目前")
# A title, quoted name or bracketed note holds dates of its own (《…2018年度要点》, （2020年度）).
_ENCLOSED = re.compile(r"《[^《》]{0,60}》|（[^（）]{0,30}）|\([^()]{0,30}\)")
_CLAUSE_END = re.compile(r"[，,；;：:\n]")
# A clause that reports a founding keeps its date: `去年底，联合会成立，以立功竞赛为主线` dates
# the founding, not the contest of the next clause, unless that clause reports a start of its
# own (`2017年成立领导小组，…，成立了联合会`: a sequence of the year's events).
_FOUNDING = re.compile(r"成立|挂牌|揭牌")
# (a rule set up or staff chosen at that date is such a start: 制订…制度, 推选1名专职副主席)
_START_VERB = re.compile(r"成立|挂牌|揭牌|组建|建立|设立|开设|推出|上线|开通|启动|创办|创建|建成|签订|举办|入会"
                         r"|制订|制定|推选|选配|配备")
# Words of an honour the body received (被评为, 荣获 …).
_HONOUR_WORDS = "被评为|获评|荣获|获得|授予|被命名为"
# A date after the cue that follows one of these dates a selection or an honour the body received
# (`联盟入选今年全省…试点`), not the start of its practice.
_SELECTED = re.compile(rf"(?:入选|列入|被列为|列为|{_HONOUR_WORDS})[^，,；;。]{{0,4}}$")
# A date whose own clause reports that the body was selected or listed (`今年年初，园区被省委列入
# …试点单位之一，园区…树立起“大群团”工作理念`) dates the selection, not a practice in a later clause.
_SELECTED_AFTER = re.compile(r"^[^，,；;：:]{0,16}?(?:被[^，,；;]{0,8}?(?:列入|列为|确定为|命名为|评为)"
                             r"|入选|获评|荣获)")
# The cue is the venue of a founding or of something set up there (`2017年3月，…工会联合会在…党群
# 服务中心正式成立`, `在小镇党群服务中心创建职工活动室`): the date is that start's, not the venue's.
_VENUE_OF_FOUNDING = re.compile(r"在[^，,；;。]{0,20}$")
_VENUE_THEN_START = re.compile(r"[^，,；;。\n]{0,6}?(?:" + _FOUNDING.pattern + "|" + _START_VERB.pattern + ")")
# Before the cue in its clause, after the date: an honour the body received or applied for
# (`在今年获得“五星级…”称号`, `今年申报创建2家县级“职工书屋”`): the date is the honour's. An
# active 评为 (`今年8家企业新评为和谐企业`) is the body's own rating work and keeps its date.
_HONOUR = re.compile(rf"{_HONOUR_WORDS}|申报")
# The cue's clause has the body attend a training or talk on it (`今年…组织干部参加集体合同签订
# 培训`): the date is the training's.
_ATTENDED = re.compile(r"参加|出席")
_TRAINING_AFTER = re.compile(r"[^，,；;。\n]{0,6}?(?:培训|讲座|论坛|研讨)")
# The cue names the subject of a meeting held to push it (`4月23日，…三年行动启动部署会在宁波召开`):
# the date is the meeting's, not a start (a bargaining 现场会 is the practice itself).
_MEETING_AFTER = re.compile(r"[^，,；;。\n]{0,10}?(?:推进会|部署会)")
# The cue sits in a background phrase (`在总结…先行试点经验的基础上，…确定了288家试点`): the
# clause's date is that of the main verb, not the background's.
_BACKGROUND_AFTER = re.compile(r"[^，,；;。\n]{0,12}?基础上")
# A sentence that reports a visit, a match or a show on one day (`9月27日，…看望慰问患病的劳模`,
# `3月24日举办企业职工三人制篮球赛`): the day dates that event, not the start of a practice. (A
# skills contest held on a day, `5月31日举办职工技能大赛`, is the practice itself and keeps its date.)
_ONE_DAY_EVENT = re.compile(r"看望|走访慰问|登门慰问|(?:举办|举行|开展)[^，,；;。]{0,20}?"
                            r"(?:篮球赛|足球赛|羽毛球赛|乒乓球赛|拔河比赛|运动会|红歌赛|歌咏比赛|晚会|联欢会)")
# The cue is one of the existing services or venues a clause moves onto a platform or shares
# (`把入会转会、困难帮扶申请…等26项服务搬上“云端”`, `实现“职工大学”“谈心活动室”等阵地的共建共享`):
# the date is the move's, not the start of what was moved.
_MOVER = re.compile(r"把|将|实现")
_MOVED_AFTER = re.compile(r"[^，,；;。\n]{0,30}?(?:搬上|搬到|迁入|接入|纳入|整合|共建共享)")
# Two dates side by side (`去年9月和今年2月`, `2016年、2017年`) leave open which one a fact has.
_COORDINATED = re.compile(r"\s?[和与及、]\s?")
# `成立两周年`: the founding lies N years before the date of the sentence.
_ANNIVERSARY = re.compile(r"(?:成立|挂牌|组建|建会)(?:满)?([一二两三四五六七八九十\d]{1,2})\s?周年")
_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_PREVIOUS = ("当年", "同年")
# `今年以来` / `今年来` in a dated article is the window the report covers ("so far this year"),
# not the moment a practice began; a stated year (`2019年以来`), a month (`今年3月以来`) or
# `去年以来` still dates a start.
_THIS_YEAR = ("今年", "本年")
_SO_FAR = re.compile(r"\s?来")
# `截至2017年底，全市已建…`: a state as of that date (a stock, a total), not when anything began.
_AS_OF = re.compile(r"(?:截至|截止)(?:到)?\s?$")


def _reporting_window(sentence: str, date: DateMention) -> bool:
    """`今年以来` / `今年来`: the span of the report, which dates no start."""
    return date.phrase in {f"{y}以来" for y in _THIS_YEAR} or (
        date.phrase in _THIS_YEAR and _SO_FAR.match(sentence, date.end) is not None)


@functools.lru_cache(maxsize=2048)
def _usable(sentence: str, article_date: str, previous_year: int | None) -> tuple[DateMention, ...]:
    """Date phrases that can date a start: not vague, not future, not enclosed, not an edition.
    Cached: every cue of a sentence asks for the same sentence's dates."""
    limit = _year_of(article_date)
    spans = [(m.start(), m.end()) for m in _ENCLOSED.finditer(sentence)]
    out: list[DateMention] = []
    last_year = previous_year
    for m in find_dates(sentence, article_date):
        if m.phrase.startswith(_PREVIOUS):  # 当年/同年: the year stated last, here or before
            if last_year is None:
                continue
            m = DateMention(m.phrase, str(last_year) + m.value[4:], m.start, m.end, True)
        if not m.value or m.phrase.startswith("近") or _NOT_A_START.match(sentence, m.end):
            continue
        if _reporting_window(sentence, m) or _AS_OF.search(sentence, max(0, m.start - 4), m.start):
            continue
        if any(a <= m.start < b for a, b in spans) or (limit is not None and int(m.value[:4]) > limit):
            continue
        last_year = int(m.value[:4])
        out.append(m)
    return tuple(_without_coordinated(sentence, out))


def _without_coordinated(sentence: str, dates: list[DateMention]) -> list[DateMention]:
    """The dates minus every pair joined by 和/与/及/、 (`去年9月和今年2月`): either may be the fact's."""
    joined: set[int] = set()
    for k in range(1, len(dates)):
        if _COORDINATED.fullmatch(sentence, dates[k - 1].end, dates[k].start):
            joined.update((k - 1, k))
    return [m for k, m in enumerate(dates) if k not in joined]


def _in_title_line(sentence: str, date: DateMention) -> bool:
    """The date sits in a title or subtitle line (no clause mark, more than the date itself),
    which does not date the body below; a dateline (`9月11日` alone) or a wrapped line does."""
    start = sentence.rfind("\n", 0, date.start) + 1
    end = sentence.find("\n", date.end)
    line = sentence[start:end if end >= 0 else len(sentence)].strip()
    return line != date.phrase and not _CLAUSE_END.search(line)


def _clause_start(sentence: str, pos: int) -> int:
    """Where the clause of `sentence` that holds pos begins (after the last clause mark before it)."""
    return max((m.end() for m in _CLAUSE_END.finditer(sentence, 0, pos)), default=0)


def _clause(sentence: str, pos: int) -> str:
    """The clause of `sentence` that holds pos (between clause marks)."""
    start = _clause_start(sentence, pos)
    end = _CLAUSE_END.search(sentence, pos)
    return sentence[start:end.start() if end else len(sentence)]


def _years_back(sentence: str, pos: int) -> int:
    """N of `成立N周年` after pos in the sentence, else 0."""
    found = _ANNIVERSARY.search(sentence, pos)
    if not found:
        return 0
    n = found.group(1)
    return int(n) if n.isdigit() else (10 + _CN_DIGITS.get(n[-1], 0) if n.startswith("十") and len(n) > 1
                                        else _CN_DIGITS.get(n, 0))


def _event_not_start(sentence: str, pos: int, end: int) -> bool:
    """The cue at pos..end names the subject of a meeting (`…三年行动推进会`), an event the body
    attends (`参加集体合同签订培训`), the background of the clause (`在…经验的基础上`), an
    existing service moved onto a platform or shared (`把…等26项服务搬上“云端”`) or a venue
    where something else is set up or founded (`在…党群服务中心创建职工活动室`): whatever date
    the sentence has is that event's."""
    if _MEETING_AFTER.match(sentence, end):
        return True
    lead = sentence[_clause_start(sentence, pos):pos]
    if _ATTENDED.search(lead) and _TRAINING_AFTER.match(sentence, end):
        return True
    if "在" in lead and _BACKGROUND_AFTER.match(sentence, end):
        return True
    if _MOVER.search(lead) and _MOVED_AFTER.match(sentence, end):
        return True
    venue = _VENUE_OF_FOUNDING.search(sentence[max(0, pos - 20):pos])
    return venue is not None and not _START_VERB.search(venue.group()) and \
        _VENUE_THEN_START.match(sentence, end) is not None


def adoption_date(
    sentence: str, pos: int, article_date: str = "", previous_year: int | None = None, end: int | None = None
) -> DateMention | None:
    """The date a sentence gives to the start of the practice whose cue is at `pos`.

    Stricter than `stated_date`, because an ADOPTS year must be one the text supports (gold
    format): the nearest usable date before the cue, unless a clause in between reports a
    founding (that date is the founding's) or the cue's clause is one of totals (累计, 连续);
    else a date after the cue in the cue's own clause (`联合会成立于2019年`); never one from a
    title line above it. Not usable: vague or future phrases, dates inside 《》 or brackets,
    editions and birth years (2018年度, 1979年生), 至今/迄今 spans, and 当年/同年 without a year
    stated before (here, or `previous_year`, the sentence before). `今年8月…成立两周年`
    moves the date back by the years stated. No date either for a cue (ending at `end`, else
    at `pos`) that names a meeting's subject, a venue where something else starts, an honour
    or an application, or an event the body attends (`_event_not_start`).
    """
    if _event_not_start(sentence, pos, pos if end is None else end):
        return None
    usable = _usable(sentence, article_date, previous_year)
    before = [m for m in usable if m.start < pos]
    if before:
        found = before[-1]
        between = sentence[found.end:pos]
        cut = max((m.start() for m in _CLAUSE_END.finditer(between)), default=-1)
        clause = _clause(sentence, pos)
        if "\n" in between and _in_title_line(sentence, found):
            return None
        if cut >= 0 and _FOUNDING.search(between[:cut]) and not _START_VERB.search(clause):
            return None
        if cut >= 0 and _TALLY.search(clause):
            return None
        if cut >= 0 and _SELECTED_AFTER.match(between[:cut].lstrip("，,")):
            return None
        if _HONOUR.search(between, cut + 1):
            return None
        if len(found.value) == 10 and _ONE_DAY_EVENT.search(sentence, found.end):
            return None
    else:
        clause_end = _CLAUSE_END.search(sentence, pos)
        limit = clause_end.start() if clause_end else len(sentence)
        after = [m for m in usable if pos <= m.start < limit and not _SELECTED.search(sentence, pos, m.start)]
        if not after:
            return None
        found = after[0]
    back = _years_back(sentence, found.end)
    if back:
        year = int(found.value[:4]) - back
        return DateMention(found.phrase, f"{year:04d}", found.start, found.end, True)
    return found
