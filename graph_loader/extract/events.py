"""Honor, Event and PolicyDocument mentions (unscored; ends of RECEIVED, ORGANIZED, HELD_IN, ISSUED).

Why a grammar with a context condition: titles (“全国模范职工之家”, 五星级活力基层工会联合会),
meetings (现场推进会, 展评活动) and documents (《…实施方案》) end in a few suffixes, but the same
words also name practices in general (创建模范职工之家) or plans. A title is an Honor only where
something receives it (荣获, 被评为, 授予); a meeting is an Event only in a sentence that dates it;
a document is a PolicyDocument only when book-titled and named as a policy, plan or standard.
"""

from __future__ import annotations

import functools
import re

from graph_loader.extract.base import Mention, split_sentences
from graph_loader.reference.charclass import CJK_CLASS
from graph_loader.reference.gazetteer import gazetteer
from graph_loader.reference.lexicon import ADMIN_AREA, EVENT, HONOR, POLICY, load_data
from graph_loader.reference.names import strip_brackets
from graph_loader.text.dates import find_dates


@functools.cache
def grammar() -> dict:
    return load_data("events.yaml")


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


@functools.cache
def _honor_re() -> re.Pattern[str]:
    g = grammar()
    cues, suffixes = _alternation(g["honor_cues"]), _alternation(g["honor_suffixes"])
    return re.compile(f"(?:{cues})[^，,。；;]{{0,30}}?(?:{suffixes})")


@functools.cache
def _event_re() -> re.Pattern[str]:
    return re.compile(_alternation(grammar()["event_suffixes"]))


@functools.cache
def _policy_re() -> re.Pattern[str]:
    kinds = _alternation(grammar()["policy_suffixes"])
    return re.compile(f"《([^《》\\n]{{2,60}}?(?:{kinds})(?:\\([^()]{{1,20}}\\))?)》")


def _honors(text: str) -> list[Mention]:
    """Titles right after a receiving cue; a list of titles (“A”“B”) gives one each."""
    out = []
    suffix = re.compile(f"({_alternation(grammar()['honor_suffixes'])})")
    for m in _honor_re().finditer(text):
        cue = re.match(_alternation(grammar()["honor_cues"]), m.group(0))
        body_start = m.start() + (cue.end() if cue else 0)
        pos = body_start
        clause_end = re.compile(r"[，,。；;！!？?\n]").search(text, m.end())
        stop = clause_end.start() if clause_end else len(text)
        for s in suffix.finditer(text, body_start, stop):
            start = max([pos] + [k + 1 for k in range(pos, s.start()) if text[k] in "、”"])
            while start < s.start() and text[start] in "“”\"、 的等了为":
                start += 1
            name = text[start:s.end()]
            shaped = len(s.group(0)) + 2 <= len(name) <= 30
            if shaped and "“" not in name[1:] and not re.search(r"[，,。]", name):
                out.append(Mention(HONOR, strip_brackets(name.strip("“”\"")), start, s.end(),
                                   {"cue": cue.group(0) if cue else ""}))
            pos = s.end()
    return out


_EVENT_STOP = re.compile(
    r"[，,。；;：:、“”\"()（）\s\d]|日|召开|举办|举行|开展|参加|出席|组织|启动|在|于|的|和|与|了")


def _event_start(text: str, floor: int, pos: int) -> int:
    """Left edge of an event name ending at pos: after the last stop (punctuation, date, verb)."""
    start = max(floor, pos - 24)
    cut = start
    for m in _EVENT_STOP.finditer(text, start, pos):
        if text[m.start():m.start() + 2] in {"全省", "全市", "全国"}:
            continue
        cut = m.end()
    return cut


def _events(text: str) -> list[Mention]:
    out = []
    for sentence in split_sentences(text):
        dates = find_dates(sentence.text)
        if not dates:
            continue
        for m in _event_re().finditer(sentence.text):
            end = sentence.start + m.end()
            start = _event_start(text, sentence.start, sentence.start + m.start())
            if text[start:start + 1] in "“\"" or start > 0 and text[start - 1] in "“\"":
                continue  # a quoted activity is a brand or slogan, not a dated meeting
            core = text[start:sentence.start + m.start()]
            if len(core) < 2 or core in set(grammar()["generic_event_cores"]):
                continue
            first = min(dates, key=lambda d: abs(d.start - m.start()))
            props = {"date_phrase": first.phrase}
            out.append(Mention(EVENT, strip_brackets(text[start:end]), start, end, props))
    return out


def _policies(text: str) -> list[Mention]:
    out = []
    for m in _policy_re().finditer(text):
        out.append(Mention(POLICY, strip_brackets(m.group(1)), m.start(1), m.end(1)))
    return out


def find_events(text: str) -> list[Mention]:
    """Honor, Event and PolicyDocument mentions of an article text."""
    return _honors(text) + _events(text) + _policies(text)


_HELD_AT = re.compile(rf"在({CJK_CLASS}{{2,6}}?)(?:隆重)?(?:举行|召开|举办|开幕|启动)")


def find_venues(text: str) -> list[Mention]:
    """Places written short where something is held (在义乌召开, 在平湖举行): AdminArea mentions."""
    out = []
    for m in _HELD_AT.finditer(text):
        place = gazetteer().lookup(m.group(1))
        if place is not None and m.group(1) not in (place.name, place.bare):
            out.append(Mention(ADMIN_AREA, m.group(1), m.start(1), m.end(1),
                               {"adminLevel": place.level, "canonical": place.name}))
    return out
