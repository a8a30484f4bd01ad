"""ServiceBrand mentions: named venues, platforms, cards, teams and standing programmes.

Why rules on the name's shape and its neighbours: Chinese reports quote everything — slogans,
method names (“三化”, “1+6+N”), honours, contests — and brands; and they list brands without
quotes when the sentence says what the list is (X、Y、Z四个品牌项目, X、Y等服务阵地). So:

* a quoted name is a brand when it ends in a venue/platform noun, carries Latin letters, sits
  before such a noun (“爱心妈妈”工作室, “甬工通”小程序), follows a launch verb (打造, 推出), or
  belongs to a run of quotes that the sentence closes as brands (“A”“B”等服务品牌);
* an unquoted list is a list of brands when a brand word closes it (品牌, 阵地, 载体, 板块 …),
  and its items are names — not generic venue types made only of common words (党群服务站);
* an unquoted name glued to a distinctive venue noun after a launch verb (建设电竞工会e家);
* never: contests, honours, slogans, numbered methods, or names followed by 型/竞赛/精神.
"""

from __future__ import annotations

import functools
import re

from graph_loader.extract.base import Mention
from graph_loader.extract.brand_context import (
    counted_venue,
    defined_brand,
    org_gloss,
    planned,
    short_glued,
    subject_quote,
)
from graph_loader.extract.mention_index import first_disjoint
from graph_loader.extract.place_venues import place_named_venues
from graph_loader.reference.charclass import CJK, CJK_CHAR, CJK_CLASS
from graph_loader.reference.gazetteer import gazetteer
from graph_loader.reference.lexicon import BRAND, brand_grammar, practice_lexicon
from graph_loader.reference.names import name_start

_QUOTE = re.compile(r"[“\"「『]([^“”\"」』\n]{2,18})[”\"」』]")
_METHOD = re.compile(r"^[0-9一二三四五六七八九十两双百千万几多+×N\-、]+" + CJK_CLASS + r"{0,3}$"
                     r"|^[0-9+×X\-]+$|^[0-9]+[+×]|^[+N×X][0-9+N×X\-]*$")
_COUNTED = re.compile(r"^(?:首批|第[一二三四五六七八九十\d]+批|[\d一二三四五六七八九十两百]+[家个所座])")
_NUMBERED = re.compile(rf"[一二三四五六七八九十两0-9]{CJK_CLASS}{{1,3}}[一二三四五六七八九十两多百0-9]")
_PUNCT = re.compile(r"[，,。；;！!？?、：:]")
_ITEM_CHARS = rf"[{CJK}A-Za-z0-9·“”()（）+]"
_SPACE = re.compile(r"\s+")


def _alternation(words: list[str]) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


@functools.cache
def _g() -> dict:
    g = dict(brand_grammar())
    g["generic_set"] = set(g["generic"])
    g["end_re"] = re.compile("(" + _alternation(g["end_nouns"]) + ")$")
    g["after_re"] = re.compile("^(" + _alternation(g["after_nouns"]) + ")")
    g["before_re"] = re.compile("(" + _alternation(g["before_verbs"]) + r")[了的]?$")
    g["reject_after_re"] = re.compile("^(" + _alternation(g["reject_after"]) + ")")
    closers = _alternation(g["list_closers"])
    num = r"[一二三四五六七八九十百0-9]+[个大项家支类种]"
    g["tail_re"] = re.compile(
        rf"(?:等|为|这些|这)(?:{num})?(?:“[^”\n]{{1,6}}”)?[^，。；,;\n、“”]{{0,9}}?({closers})"
        rf"|{num}(?:“[^”\n]{{1,6}}”)?[^，。；,;\n、“”]{{0,6}}?({closers})"
    )
    g["strong_set"] = set(g["strong_closers"])
    glue = _alternation(g["glue_nouns"])
    g["glue_re"] = re.compile(r"[^\W\d_即为是的在和与及等暨开举]{0,8}?(" + glue + ")")
    g["weak_venue_re"] = re.compile("(" + _alternation(g["list_venue_nouns"]) + ")$")
    g["shape_re"] = re.compile("|".join(g["reject_shapes"]))
    g["figurative_re"] = re.compile("(" + _alternation(g["figurative_before"]) + ")$")
    g["left_re"] = re.compile(_alternation(g["left_words"]))
    g["modifier_re"] = re.compile(_alternation(g["generic_modifiers"]))
    g["venue_re"] = re.compile(_alternation(g["venue_nouns"]) + "$")
    g["unquoted_re"] = re.compile(
        "(" + _alternation(g["launch_verbs"]) + ")(" + _ITEM_CHARS[:-1] + r"]{1,8}?)("
        + _alternation(g["distinct_venue_nouns"]) + rf")(?!{CJK_CLASS}{{0,1}}(?:中心|站|室|馆))"
    )
    return g


def _after(text: str, pos: int, n: int = 10) -> str:
    """The next n characters after pos, white space removed (PDF lines break anywhere)."""
    return _SPACE.sub("", text[pos:pos + n + 8])[:n]


def is_generic(name: str) -> bool:
    """A generic venue or service type: a listed genre word, or a venue noun after nothing but
    common modifier words (党群服务站 = 党群 + 服务站, 亲子乐园, 志愿者服务站)."""
    g = _g()
    if name in g["generic_set"]:
        return True
    used = gazetteer().parse_prefix(name)[2]
    if used and used < len(name):
        name = name[used:]  # 浙江省职工书屋 is a 职工书屋
        if name in g["generic_set"]:
            return True
    v = g["venue_re"].search(name)
    core = name[:v.start()] if v else name
    if not core:
        return True
    return not g["modifier_re"].sub("", core)


def _rejected(name: str, *, listed: bool = False, glued: bool = False) -> bool:
    """Shapes that are never brands; `listed` (the text calls the list 品牌) relaxes the soft words,
    `glued` (a venue noun follows the quote: “八字桥”…平台) the numbered-method test."""
    g = _g()
    if name in g["generic_set"] or _PUNCT.search(name) or re.search(r"\s", name) or \
            name.count("(") + name.count("（") != name.count(")") + name.count("）"):
        return True
    if _COUNTED.match(name):
        return True  # 首批5家劳模工匠创新工作室: a count of venues, not the name of one
    if g["shape_re"].search(name):
        return True
    venue = g["end_re"].search(name) and len(name) >= 5
    if _NUMBERED.search(name) and not listed and not name.startswith(tuple(g["not_methods"])):
        return True  # 一芯六圈二十四站, 一办六局两中心
    method = _METHOD.match(name)
    if method and re.search(r"[0-9][+×]|[+×][0-9N]", name):
        return True  # 1+6+N
    if listed and method and len(name) >= 4:
        method = None  # “一月一读” in a list the text calls 品牌/活动
    if method and not venue and not glued and not name.startswith(tuple(g["not_methods"])):
        return True
    if any(w in name for w in g["contest_words"]):
        return True
    return not listed and any(w in name for w in g["reject_words"])


def is_brand_name(name: str, before: str, after: str) -> bool:
    """Shape and neighbour test of one quoted name (see module docstring)."""
    g = _g()
    after = _SPACE.sub("", after)
    if name.isdigit() and len(name) <= 4:
        return bool(re.match(r"品牌", after))  # “629”品牌服务
    if _rejected(name) or g["reject_after_re"].match(after) or is_generic(name):
        return False
    if len(name) == 2 and not re.search(r"[A-Za-z]", name):
        return False  # two-character quotes are words (“建家”, “乐园”), not names
    if re.search(r"(大赛|竞赛|比赛|评选|擂台|活动)", re.split(r"[，,。；;、“]", after)[0]) and \
            not g["after_re"].match(after):  # but “X”系列活动, “X”党群品牌活动: a standing programme
        return False  # “中国梦·劳动美”全国职工围棋大赛, “百千万·周三访谈夜”活动
    if "·" in name:
        return True
    latin = bool(re.search(r"[A-Za-z]", name))
    if "+" in name and not latin or re.search(r"(式|化|型|性)$", name):
        return False
    if re.fullmatch(r"[A-Za-z0-9 ]+", name) and not re.search(r"[A-Za-z]{2}", name):
        return bool(g["after_re"].match(after)) and bool(re.search(r"[A-Za-z]", name))  # “H2O”公益项目
    ends = bool(g["end_re"].search(name))
    if name in practice_lexicon().by_cue and not latin and not ends and not g["after_re"].match(after):
        return False  # a generic practice word (送清凉, 需求清单), not a brand
    if ends or g["after_re"].match(after):
        return True
    if latin and CJK_CHAR.search(name):
        return True
    return bool(g["before_re"].search(before)) and len(name) <= 8


def _glued(text: str, end: int) -> str:
    """A venue noun phrase written right after a closing quote (“爱心妈妈”工作室 → 工作室)."""
    m = _g()["glue_re"].match(text, end)
    return m.group(0) if m else ""


def _quote_run_tail(text: str, end: int) -> str:
    """The brand-list closer (等服务品牌) that ends the quotes following `end` (“A”“B”、“C”), or ''."""
    pos = end
    run = re.compile(rf"[、,，和与及]?\s*“[^“”\n]{{1,18}}”{CJK_CLASS}{{0,4}}?(?=[、“等为]|$)")
    while True:
        m = run.match(text, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
    tail = _g()["tail_re"].match(rest := _SPACE.sub("", text[pos:pos + 40]))
    return _closing_phrase(rest, 0, tail.end()) if tail else ""


def _closing_phrase(text: str, start: int, end: int) -> str:
    """The list closer with the noun phrase it heads (等品牌 + 志愿者队伍): the closer regex stops
    at the first closer word, but what the items are is often said after it."""
    return text[start:re.compile(r"[^，。；,;！？!?\n、“”：:（）()\s]{0,8}").match(text, end).end()]


def _quoted(text: str) -> list[Mention]:
    g = _g()
    out: list[Mention] = []
    for m in _QUOTE.finditer(text):
        name = m.group(1).strip()
        start, end = m.start(1), m.start(1) + len(name)
        trail = re.search(r"(建设|活动)$", name)
        if trail and (g["end_re"].search(name[:trail.start()]) or "·" in name):
            name, end = name[:trail.start()], end - len(trail.group(0))  # “职工网络文化家园建设”
        before = text[max(0, m.start() - 6):m.start()]
        after = _after(text, m.end(), 10)
        glue = _glued(text, m.end())
        listed = _quote_run_tail(text, m.end())
        if g["figurative_re"].search(before) or org_gloss(text, m.end()):
            continue  # 把驿站当作“流动课堂”: a figure of speech, not a name; “X”(…团委): a nickname
        bad_after = g["reject_after_re"].match(after) or planned(text, m.start())
        ok = is_brand_name(name, before, after)
        if not ok and listed and not _rejected(name, listed=True) and not bad_after and not is_generic(name):
            ok = not re.search(r"(式|化|型)$", name) and not (name.isdigit() and len(name) > 4)
        merge = glue in g["glue_full_nouns"] or short_glued(name, glue) and not g["end_re"].search(name)
        glued = merge or len(glue) >= 5
        if not ok and not bad_after and not _rejected(name, glued=glued) and (len(name) > 2 or glued):
            ok = bool(glue) or subject_quote(text, m.start(), m.end())
        if not ok and not bad_after and glue in g["glue_full_nouns"] and name in g["generic_set"]:
            ok = not _rejected(name + glue, glued=True)  # “双创”服务站: a generic quote made a name
        venue_like = bool(g["end_re"].search(name)) or name in practice_lexicon().by_cue
        defined = not bad_after and (name in g["generic_set"] or not _rejected(name, listed=True)) and \
            defined_brand(text, m.start(), m.end(), venue_like)
        if not ok and defined and len(name) > 2:
            ok = True  # “职工课堂”是…推出的…品牌: the text says it is a brand
        if not ok and not bad_after and not _rejected(name, listed=True) and len(name) > 2:
            ok = not is_generic(name) and counted_venue(text, m.start(), m.end())
        short = len(name) <= 2 and not re.search(r"[A-Za-z0-9]", name)
        if not ok or short and not merge:
            continue
        prefix = re.search(r"(?<=[、，,])" + CJK_CLASS + "{2,3}$", text[max(0, m.start() - 4):m.start()])
        nested = prefix and not g["left_re"].search(prefix.group(0))
        if glue in g["glue_full_nouns"] and nested and len(name) <= 3:
            # 绿色“星期二”志愿团队: a nested quote is part of the name, marks and all
            full = text[m.start() - len(prefix.group(0)):m.end() + len(glue)]
            out.append(Mention(BRAND, full, m.start() - len(prefix.group(0)), m.end() + len(glue),
                               {"after": _after(text, m.end() + len(glue))}))
            continue
        if merge and not g["end_re"].search(name) and not re.search(r"[A-Za-z]", name):
            # “爱心妈妈”工作室 → 爱心妈妈工作室; a generic quote keeps its marks (“双创”服务站)
            full = f"“{name}”{glue}" if name in g["generic_set"] else name + glue
            out.append(Mention(BRAND, text[m.start():m.end() + len(glue)], m.start(), m.end() + len(glue),
                               {"after": _after(text, m.end() + len(glue)), "canonical": full}))
            continue
        if name in g["generic_set"] and not defined:
            continue
        out.append(Mention(BRAND, name, start, end, {"after": after, "closing": listed}))
    return out


def _cue_phrase(name: str) -> bool:
    """An activity written as a practice phrase (医疗互助保障, 高温慰问), not a name."""
    return not (g := _g())["end_re"].search(name) and any(  # 职工免费体检: modifiers + practice word
        2 * (e - s) >= len(name) or e == len(name) and not g["modifier_re"].sub("", name[:s])
        for s, e, _ in practice_lexicon().find(name))


def _left_cut(text: str, start: int, end: int) -> int:
    """Start of a list's first item: after the last launch verb or particle before it."""
    run = text[start:end]
    cuts: dict[bool, int] = {True: 0, False: 0}
    for k in range(len(run)):
        m = _g()["left_re"].match(run, k)
        if m and m.end() < len(run) - 1:
            multi = len(m.group(0)) > 1
            cuts[multi] = max(cuts[multi], m.end())
    # a verb (打造, 形成了) is a safer cut than a particle (和, 的) that may sit inside a name
    return start + (cuts[True] or cuts[False])


def _listed(text: str) -> list[Mention]:
    """Unquoted (or mixed) lists closed by a brand word: 举办A、B、C四个品牌项目."""
    g = _g()
    out: list[Mention] = []
    item = _ITEM_CHARS + "{2,16}"
    for m in re.finditer(rf"(?:{item}、)+{item}", text):
        pieces = m.group(0).split("、")
        last_start = m.end() - len(pieces[-1])
        tails = ((j, g["tail_re"].match(text, last_start + j)) for j in range(2, len(pieces[-1]) + 1))
        cut, tail = next(((j, t) for j, t in tails if t), (0, None))
        if not cut or tail is None:
            continue
        strong = (tail.group(1) or tail.group(2)) in g["strong_set"]
        closing = _closing_phrase(text, tail.start(), tail.end())  # 等品牌志愿者队伍: for INSTANCE_OF
        pieces[-1] = pieces[-1][:cut]
        first_end = m.start() + len(pieces[0])
        first_start = _left_cut(text, max(m.start(), first_end - 14), first_end)
        lead = text[max(0, first_start - 2):first_start]
        pieces[0] = text[first_start:first_end]
        if lead.endswith("分") or pieces[0].startswith("分") or planned(text, first_start):
            continue  # 分A、B、C四大板块: parts of a whole, not brands
        pos = first_start
        for piece in pieces:
            name = piece.strip("“”")
            offset = pos + (len(piece) - len(piece.lstrip("“")))
            pos += len(piece) + 1
            if len(name) < 2 or _rejected(name, listed=strong) or is_generic(name) or \
                    name.count("“") != name.count("”"):
                continue
            quoted = piece.startswith("“") and piece.endswith("”")
            venue_like = g["weak_venue_re"].search(name) or re.search(r"[A-Za-z·]", name) or quoted
            if not strong and (not venue_like or not CJK_CHAR.search(name)):
                continue  # under a loose closer (平台, 阵地) only venue-like names are brands, not codes
            if len(name) <= 2 and not re.search(r"[A-Za-z]", name) or _cue_phrase(name):
                continue
            props = {"after": _after(text, offset + len(name)), "listed": "1", "closing": closing}
            out.append(Mention(BRAND, name, offset, offset + len(name), props))
    return out


def _unquoted(text: str) -> list[Mention]:
    """Names glued to a distinctive venue noun after a launch verb (建设电竞工会e家), and names
    before APP / a hotline (梦想小镇APP, 12351职工维权热线)."""
    g = _g()
    out: list[Mention] = []
    nouns = _alternation(g["distinct_venue_nouns"])
    more_re = re.compile(r"[、和](" + _ITEM_CHARS[:-1] + r"]{1,8}?)(" + nouns + ")")
    for m in g["unquoted_re"].finditer(text):
        found = [(m.start(2), m.group(2), m.group(3))]
        pos = m.end(3)
        while (more := more_re.match(text, pos)) is not None:  # 构筑A服务中心、B劳模工作室和C创新工作室
            found.append((more.start(1), more.group(1), more.group(2)))
            pos = more.end(2)
        for start, core, noun in found:
            lead = re.match(r"^(?:[了的出]|[0-9一二三四五六七八九十]+(?:个|楼|家|座))*", core).end()
            core = core[lead:]
            name = core + noun
            if len(name) < 4 or is_generic(name) or _rejected(name) or re.search(r"[“”]", core):
                continue
            if gazetteer().parse_prefix(core)[2] == len(core):
                continue  # 杭州市职工服务中心: a body of the place, kept only when quoted
            end = start + lead + len(name)
            if re.match(r"[0-9一二三四五六七八九十百]+[个家所座]", _after(text, end, 6)):
                continue  # 创建…创新工作室105家: a kind of venue counted, not the name of one
            out.append(Mention(BRAND, name, start + lead, end, {"after": _after(text, end)}))
    suffix_re = re.compile(_alternation(g["unquoted_suffixes"]))
    for m in suffix_re.finditer(text):
        start, _ = name_start(text, m.start(), max_len=8)
        start = _left_cut(text, start, m.start())
        digits = re.search(r"[0-9]{3,6}$", text[max(0, start - 6):start])
        if digits and start == m.start():
            start -= len(digits.group(0))  # 12351职工维权热线
        core = text[start:m.start()]
        bad = core in g["generic_set"] or core in g["not_app_names"] or "工会" in core
        if len(core) < 2 and not digits or bad or text[start - 1:start] in "”\"":
            continue
        if gazetteer().parse_prefix(core)[2] == len(core) and m.group(0) != "APP":
            continue
        out.append(Mention(BRAND, text[start:m.end()], start, m.end(), {"after": _after(text, m.end())}))
    return out


def find_brands(text: str) -> list[Mention]:
    return first_disjoint([m for family in (_quoted, _listed, _unquoted, place_named_venues) for m in family(text)])


def instance_hints() -> dict[str, str]:
    return dict(_g()["instance_hints"])
