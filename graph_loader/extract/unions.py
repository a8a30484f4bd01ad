"""UnionOrganization mentions from the suffix grammar (总工会, 工会联合会, 联合工会 …).

Why a grammar and not a list: unseen articles name unseen unions, but their names always end
in one of a few suffixes, and the suffix (plus the core before it) tells `form` and `level`.
Generic references (小镇工会, 市总工会, 该工会) are kept as `generic` mentions for resolve.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left

from graph_loader.extract.base import Mention
from graph_loader.reference.charclass import NAME_CHAR_RE
from graph_loader.reference.gazetteer import gazetteer
from graph_loader.reference.lexicon import (
    UNION,
    carrier_grammar,
    founding_words,
    org_grammar,
    short_union_suffixes,
    suffix_regex,
    union_suffix_forms,
)
from graph_loader.reference.names import MAX_NAME, name_start, strip_brackets

ANAPHORS = ("该", "这家", "这个", "此", "本")
CLASSIFIERS = set("家个名支座幢所年类")
# After a bare 工会 these words mean "union work/worker", not a named union.
_POSTS = {"主席", "委员"}
_NOT_AFTER_BARE = re.compile(
    r"^(工作者|工作|干部|会员|经费|组织|主席|建设|服务|小组|活动|阵地|委员|之家|系统|改革|法|代表)"
)

# 三家镇总工会: a numeral and classifier before a name are not part of it
_COUNTED_NAME = re.compile(r"[一二三四五六七八九十两几多]+[家个名支座幢所类]")


@functools.cache
def _suffix_re() -> re.Pattern[str]:
    return suffix_regex(union_suffix_forms())


def union_form(core: str, suffix: str) -> str:
    """`form` from the suffix, refined for bare 工会 by the core (产业/企业 unions)."""
    grammar = org_grammar()
    form = union_suffix_forms()[suffix]
    if suffix == "工会":
        if any(core.endswith(w) for w in grammar["industry_cores"]):
            return "产业工会"
        if any(core.endswith(w) for w in grammar["enterprise_cores"]):
            return "企业工会"
    return form


@functools.lru_cache(maxsize=8192)
def union_level(name_core: str, form: str) -> str:
    """`level` from the core: its admin prefix, a town/street, a carrier word, or the form
    (memoised: a pure function of the reference data, asked again for every repeated name)."""
    if form == "企业工会":
        return "enterprise"
    county, city, used = gazetteer().parse_prefix(name_core)
    rest = name_core[used:]
    carrier_words = list(carrier_grammar()["suffixes"]) + org_grammar()["carrier_cores"]
    if rest and any(w in rest for w in carrier_words):
        return "carrier"
    if re.search(r"(镇|街道|乡)(\(|$)", rest) or re.search(r"(镇|街道)\)?$", rest):
        return "township"
    if not rest:
        if name_core in {"浙江省", "浙江", "省"}:
            return "province"
        if county:
            return "county"
        if city:
            return "city"
    if form == "产业工会" and (name_core.startswith("省") or name_core.startswith("浙江省")):
        return "province"
    return ""


def find_unions(text: str) -> list[Mention]:
    """All union mentions of an article text, named or generic.

    A newspaper's page header glued into the text (…联合<date 星期五 paper 3>工会, a PDF page
    break inside a name) is read past: the finder sees the text without it, and each mention's
    offsets are mapped back to the article text (its surface is the name without the header)."""
    headers = list(_page_header_re().finditer(text))
    if not headers:
        return _find_unions(text)
    kept, pos, parts = [], 0, []
    for h in headers:
        parts.append(text[pos:h.start()])
        kept.extend(range(pos, h.start()))
        pos = h.end()
    parts.append(text[pos:])
    kept.extend(range(pos, len(text) + 1))
    out = _find_unions("".join(parts))
    for m in out:
        m.start, m.end = kept[m.start], kept[m.end - 1] + 1 if m.end > m.start else kept[m.end]
    return out


@functools.cache
def _page_header_re() -> re.Pattern[str]:
    return re.compile(org_grammar()["page_header"])


def _find_unions(text: str) -> list[Mention]:
    grammar = org_grammar()
    nonref = set(grammar["nonreferential_union_cores"])
    levels = grammar["level_cores"]
    carrier_cores = set(grammar["carrier_cores"])
    out: list[Mention] = []
    for m in _suffix_re().finditer(text):
        suffix = m.group(0)
        after_bare = _NOT_AFTER_BARE.match(text[m.end():m.end() + 3]) if suffix == "工会" else None
        if after_bare and after_bare.group(0) not in _POSTS:
            continue
        if _CONGRESS.match(text, m.end()):
            continue  # 省工会第十五次代表大会: a congress, not the body
        start, cut_word = name_start(text, m.start())
        start = _heading_start(text, start, m.end())
        if _counted(text, start):
            out += _listed_unions(text, start, text[start + 1:m.start()], suffix)
            continue  # 9家劳务公司工会, 5个片区工会小组: a class of unions, not one named body
        if start > 0 and (text[start - 1].isdigit() or text[start - 1] in "这那各每该") \
                and text[start:start + 1] in CLASSIFIERS:
            start += 1  # 3家…, 这个镇总工会: the classifier is not part of the name
        numeral = _COUNTED_NAME.match(text, start, m.start())
        if numeral:
            start = numeral.end()
        core = strip_brackets(text[start:m.start()])
        surface = strip_brackets(text[start:m.end()])
        props = {"form": union_form(core, suffix)}
        if after_bare and (props["form"] == "其他" or core in carrier_cores or core in {"集团", "公司"}):
            continue  # 工会主席 after a plain noun is the union chair; 省教育工会主席 names the union
        if not core:
            if cut_word in ANAPHORS and suffix in short_union_suffixes():
                out.append(Mention(UNION, text[start - len(cut_word):m.end()], start - len(cut_word), m.end(),
                                   {"anaphor": True, **props}, generic=True))
            elif props["form"] in grammar["joint_union_forms"] and suffix in short_union_suffixes() \
                    and not _formed_before(text, m.start()):
                # 商圈党委把联合工会纳入…: a bare joint union is one the paragraph is about
                out.append(Mention(UNION, suffix, m.start(), m.end(), {"bare": True, **props}, generic=True))
            continue
        fixed = surface in grammar["fixed_aliases"]  # 全国总工会: a known body, though 全国 alone is no name
        described = core in nonref or core.endswith(("的", "等")) or any(w in core for w in grammar["honour_words"])
        if described and not fixed:
            continue
        if props["form"] == "企业工会" and core.endswith(("企业", "小微企业")):
            continue
        if core in levels:
            props["level_word"] = core
            props["level"] = levels[core]
            out.append(Mention(UNION, surface, start, m.end(), props, generic=True))
            continue
        if core in carrier_cores or core in {"集团", "公司"}:
            props["carrier_word"] = core
            props["level"] = "carrier" if core not in {"集团", "公司"} else "enterprise"
            out.append(Mention(UNION, surface, start, m.end(), props, generic=True))
            continue
        if suffix == "工会" and props["form"] == "其他" and not _named_other(core):
            continue
        props["level"] = union_level(core, props["form"])
        out.append(Mention(UNION, surface, start, m.end(), props))
    return out + _short_unions(text)


_SHORT = re.compile(r"[省市区县]总(?!工会)")


@functools.cache
def _short_follow_re() -> re.Pattern[str]:
    words = sorted(org_grammar()["short_union_followers"], key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


def _short_unions(text: str) -> list[Mention]:
    """Short forms of a federation of trade unions: 市总/区总 (a generic reference, resolved
    like 市总工会 against the article's place) and <place>总 (柯城区总, a named body whose name
    is the place's 总工会). Only before a particle, an acting verb or a mark, so 总结, 总体 or 总部
    never start one; a core that is neither empty nor a whole place is no short form."""
    levels = org_grammar()["level_cores"]
    out: list[Mention] = []
    for m in _SHORT.finditer(text):
        if not _short_follow_re().match(text, m.end()) and m.end() < len(text) and text[m.end()] != "\n":
            continue
        level_end = m.start() + 1
        start, _ = name_start(text, level_end)
        core = text[start:m.start()]
        props = {"form": "总工会", "short": True}
        if not core:
            word = text[m.start()]
            out.append(Mention(UNION, m.group(0), m.start(), m.end(),
                               {**props, "level_word": word, "level": levels[word]}, generic=True))
            continue
        place = text[start:level_end]
        if gazetteer().parse_prefix(place)[2] != len(place):
            continue
        out.append(Mention(UNION, place + "总", start, m.end(), {**props, "level": union_level(place, "总工会")}))
    return out


def _formed_before(text: str, pos: int) -> bool:
    """A founding verb right before (成立联合工会, 组建了工会联合会): the words report forming a
    union of that kind, not a reference back to one."""
    grammar = org_grammar()
    before = text[max(0, pos - 5):pos]
    for particle in grammar["verb_particles"]:
        before = before.removesuffix(particle)
    return before.endswith(founding_words()) or before.endswith(tuple(grammar["forming_verb_ends"]))


_CONGRESS = re.compile(r"第[一二三四五六七八九十百\d]+次(?:会员)?代表大会|代表大会")
_COUNT = re.compile(r"(?:\d+\s*|[二三四五六七八九十两几多]+)[家个所]$")


class _LineBreaks:
    """Offsets of one text's line breaks, found once per text and bisected (an rfind per union
    is a scan of megabytes when a PDF page ran together on one line)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.breaks = [m.start() for m in re.finditer("\n", text)]

    def around(self, start: int, end: int) -> tuple[int, int]:
        """As `text.rfind("\n", 0, start) + 1, text.find("\n", end)`."""
        k = bisect_left(self.breaks, start)
        j = bisect_left(self.breaks, end)
        return (self.breaks[k - 1] + 1 if k else 0), (self.breaks[j] if j < len(self.breaks) else -1)


_BREAKS: list[_LineBreaks] = []


def _line_breaks(text: str) -> _LineBreaks:
    if not _BREAKS or _BREAKS[0].text is not text:
        _BREAKS[:] = [_LineBreaks(text)]
    return _BREAKS[0]


def _heading_start(text: str, start: int, end: int) -> int:
    """A line that is one union name (a unit's heading, 余杭区和睦街道总工会) is taken whole: a
    boundary word inside it (和) is part of the name. The line must open with a known place."""
    line_start, line_end = _line_breaks(text).around(start, end)
    line = text[line_start:len(text) if line_end < 0 else line_end]
    head = line.strip()
    if start <= line_start or not head.endswith(text[start:end]) or len(head) > MAX_NAME:
        return start
    if not NAME_CHAR_RE.fullmatch(head[0]) or not all(NAME_CHAR_RE.match(c) for c in head):
        return start
    if not gazetteer().parse_prefix(head)[2]:
        return start
    return line_start + line.index(head)


_LIST_SPLIT = re.compile(r"[、和与及]")
_ENTERPRISE_ENDS = ("有限公司", "公司", "集团", "厂")


def _listed_unions(text: str, classifier: int, level: str, suffix: str) -> list[Mention]:
    """The members of a list a counted union phrase sums up (A县、B县与C县3家县总工会; A公司、B公司
    等5家企业工会): each member's own union, when the member is a county or city of the gazetteer
    (…县总工会) or an enterprise (…企业工会). Other lists name no body."""
    count = _COUNT.search(text[max(0, classifier - 6):classifier + 1])
    if count is None:
        return []
    end = classifier + 1 - len(count.group(0))
    # the clause mark before (looked for near first: a page run together on one line has no \n)
    near = max(text.rfind(p, max(0, end - 400), end) for p in "，。；：:,\n")
    clause = (near if near >= 0 else max(text.rfind(p, 0, end) for p in "，。；：:,\n")) + 1
    segment = text[clause:end]
    if segment.endswith("等"):
        segment = segment[:-1]
    out, pos = [], clause
    items = _LIST_SPLIT.split(segment)
    if len(items) < 2:
        return []
    for item in items:
        start = pos + len(item) - len(item.lstrip())
        pos += len(item) + 1
        item = item.strip()
        cut = name_start(text, start + len(item))[0] - start if item else 0
        start, item = start + cut, item[cut:]  # 联合A公司: the list's first member starts after the verb
        if not item:
            continue
        if level in ("县", "市", "区") and suffix == "总工会":
            _, _, used = gazetteer().parse_prefix(item)
            if used != len(item):
                return []
            props = {"form": "总工会", "level": union_level(item, "总工会")}
        elif level == "企业" and suffix == "工会" and item.endswith(_ENTERPRISE_ENDS):
            props = {"form": "企业工会", "level": "enterprise"}
        else:
            return []
        tails = range(len(item) - 2) if props["form"] == "总工会" else range(1)  # 岱山县 of 舟山市岱山县
        if not any(item[k:] + suffix in text for k in tails):  # else the union is named itself
            out.append(Mention(UNION, item + suffix, start, start + len(item), {**props, "listed": True}))
    return out


def _counted(text: str, start: int) -> bool:
    """A count of more than one stands before the name (9家…工会): a plural description."""
    return bool(_COUNT.search(text[max(0, start - 6):start + 1])) and text[start:start + 1] in "家个所"


def _named_other(core: str) -> bool:
    """A bare-工会 core must look like a body's name: place, carrier, body word or bracket."""
    if len(core) < 2:
        return False
    if core.endswith(")"):
        return True
    county, city, used = gazetteer().parse_prefix(core)
    if used and used == len(core):
        return True  # 宁波工会, 滨江工会: a place's union
    words = list(carrier_grammar()["suffixes"]) + org_grammar()["carrier_cores"] + [
        "管委会", "委员会", "机关", "镇", "街道", "局", "学校", "医院", "中心", "站"]
    return any(core.endswith(w) for w in words)
