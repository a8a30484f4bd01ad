"""Person mentions: by-lines, masthead name lists, `主席X` posts, `X说` quotes, known leaders,
and names marked by their context: an occupation or honour before (网约车司机X, 劳模X), a form
of address after (X教授), a studio named after them (X劳模创新工作室), an interview's speaker
line (X：…) or biography (X，1980年生), the later members of a list (X、Y和Z), and every other
occurrence of a name once found.

Why patterns and not a name list: every article brings new people. A name is a surname from
the data file plus one or two characters; the character after it decides two or three.
A post word before the name (主席, 党工委书记, 领衔人) is kept for HOLDS_POSITION.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from graph_loader.extract.base import Mention
from graph_loader.reference.charclass import CJK_CHAR, CJK_CLASS
from graph_loader.reference.gazetteer import gazetteer
from graph_loader.reference.lexicon import PERSON, person_grammar


@functools.cache
def _grammar() -> dict:
    g = dict(person_grammar())
    g["surname_set"] = set(g["surnames"])
    g["not_names"] = set(g["not_names"])
    g["after_set"] = set(g["after_name"])
    g["after_words"] = set(g.get("after_words", []))
    g["title_re"] = re.compile("|".join(sorted(map(re.escape, g["titles"]), key=len, reverse=True)))
    roles = sorted(g["byline_roles"], key=len, reverse=True)
    role_alt = "|".join(map(re.escape, (r for r in roles if len(r) > 1)))
    short_alt = "|".join(map(re.escape, (r for r in roles if len(r) == 1)))
    # a one-character role (文, 图) must be set apart: 文成县… is a place, not a by-line
    g["role_re"] = re.compile(r"(?:^|(?<=[\s■◎●/]))(?:(" + role_alt + r")\s*|(" + short_alt
                              + r")(?:\s+|[:：/]\s*))(?=" + CJK_CLASS + ")")
    g["job_re"] = re.compile("|".join(map(re.escape, sorted(
        set(g["job_nouns"]) | set(g["honour_nouns"]) | set(g.get("naming_words", [])), key=len, reverse=True))))
    g["after_title_re"] = re.compile("|".join(map(re.escape, g["after_name_titles"])))
    studio = "|".join(map(re.escape, sorted(g["studio_words"], key=len, reverse=True)))
    g["studio_re"] = re.compile(rf"(?:{studio}){{0,3}}[“\"]?(?:{studio}){{0,3}}工作室")
    return g


def _surname_len(text: str, pos: int) -> int:
    g = _grammar()
    if text[pos:pos + 2] in g["double_surnames"]:
        return 2
    return 1 if text[pos:pos + 1] in g["surname_set"] else 0


def name_at(text: str, pos: int, strict: bool = True) -> str:
    """The person name starting at pos (surname + 1-2 chars), or '' when none is plausible."""
    g = _grammar()
    sl = _surname_len(text, pos)
    if not sl:
        return ""
    chars = []
    k = pos + sl
    while k < len(text) and len(chars) < 2 and CJK_CHAR.match(text[k]):
        chars.append(text[k])
        k += 1
    if not chars:
        return ""
    verb = g["verb_starts"].get(chars[1], "") if len(chars) == 2 else ""
    if verb and text[k:k + 1] not in verb and text[pos:pos + sl + 2] not in g["not_names"]:
        pass  # 钟立强在…: 强 starts no verb here (强调/强化), so it is the name's last character
    elif len(chars) == 2 and (chars[1] in g["after_set"] or text[pos:pos + sl + 2] in g["not_names"]):
        chars = chars[:1]
        if text[pos + sl + 2:pos + sl + 4] in g["after_words"] and text[pos + sl + 1] not in "等和与及":
            chars = [text[pos + sl], text[pos + sl + 1]]  # 张兆都参加: 都 is part of the name
    elif len(chars) == 2 and text[pos + sl + 1:pos + sl + 3] in g["after_words"]:
        chars = chars[:1]  # 鲁勇出席
        strict = False
    if len(chars) == 1 and strict and pos + sl + 1 < len(text) and CJK_CHAR.match(text[pos + sl + 1]) \
            and text[pos + sl + 1] not in g["after_set"]:
        # a two-character name must be followed by a break or a word that ends names
        return ""
    name = text[pos:pos + sl] + "".join(chars)
    if name in g["not_names"] or name[:2] in g["not_names"]:
        return ""
    return name


def _names_in_list(line: str) -> list[tuple[int, str]]:
    """Space-separated names of a masthead or by-line list; 4-char tokens split into 2+2."""
    out = []
    for m in re.finditer(CJK_CLASS + "{2,4}", line):
        tok = m.group(0)
        if len(tok) == 4 and _surname_len(tok, 0) == 1 and _surname_len(tok, 2) == 1:
            out += [(m.start(), tok[:2]), (m.start() + 2, tok[2:])]
        elif _surname_len(tok, 0) and len(tok) <= 3 and tok not in _grammar()["not_names"]:
            out.append((m.start(), tok))
        else:
            return []
    return out


# After a title these surname characters are usually a verb or conjunction: 书记任主任, 主席和职业化.
_VERB_SURNAMES = ("任", "兼", "和", "与", "及")
_POST_WORDS = ("党", "副", "挂职", "成员", "组长", "职业", "其他", "委员")


def _verb_not_surname(text: str, pos: int) -> bool:
    """The character at pos is a verb (任/兼) or conjunction (和) taking a post or a noun, not a
    surname: what follows it starts a post (主任, 副组长, 党群办主任) or a common noun."""
    if text[pos:pos + 1] not in _VERB_SURNAMES:
        return False
    rest = text[pos + 1:pos + 6]
    titles = person_grammar()["titles"]
    return rest.startswith(_POST_WORDS) or any(rest.startswith(t) for t in titles)


_ROLE_END = re.compile(r"[，,。;；:：(（]|报道|摄|供稿")
_SPACED = re.compile(CJK_CLASS + r"{2,3}(?=\s|$)")


def find_persons(text: str) -> list[Mention]:
    g = _grammar()
    out: list[Mention] = []
    seen: set[tuple[int, int]] = set()

    def add(start: int, name: str, **props: str) -> None:
        if (start, start + len(name)) in seen or len(name) < 2:
            return
        seen.add((start, start + len(name)))
        out.append(Mention(PERSON, name, start, start + len(name), dict(props)))

    line_start = 0
    for line in text.split("\n"):
        stripped = line.strip()
        # by-line / masthead role lines: "责任编辑 陈金波 王艳", "记者李凡 通讯员张甘秋报道"
        for m in g["role_re"].finditer(line):
            stop = _ROLE_END.search(line, m.end())  # not a split of the rest of a one-line page
            seg = line[m.end():stop.start() if stop else len(line)]
            for sub in re.finditer(r"[^\s]+", seg):
                token = sub.group(0)
                if any(token.startswith(r) for r in g["byline_roles"]):
                    break
                for off, nm in _names_in_list(token) or ([(0, name_at(token, 0, strict=False))]):
                    if nm:
                        add(line_start + m.end() + sub.start() + off, nm, role=m.group(1) or m.group(2))
                if len(token) > 4:
                    break
        # TOC by-lines: "… /杜坚强" or "/王艳 潘仙德"
        for m in re.finditer(rf"/\s*({CJK_CLASS}{{2,4}}(?:\s+{CJK_CLASS}{{2,3}})*)\s*$", line):
            for off, nm in _names_in_list(m.group(1)):
                add(line_start + m.start(1) + off, nm, role="作者")
        # masthead grid: a line made only of 2-3 names
        if stripped and re.fullmatch(rf"{CJK_CLASS}{{2,4}}(?:\s+{CJK_CLASS}{{2,4}}){{1,5}}", stripped):
            names = _names_in_list(stripped)
            if len(names) >= 2:
                base = line_start + line.index(stripped)
                for off, nm in names:
                    add(base + off, nm)
        line_start += len(line) + 1

    for m in g["title_re"].finditer(text):
        pos = m.end()
        while text[pos:pos + 1] in (" ", "\u3000") and pos < m.end() + 2:
            pos += 1  # a by-line post "总工会主席 杜坚强"
        name = name_at(text, pos)
        spaced = _SPACED.match(text, pos) if pos > m.end() else None
        if name and spaced and spaced.group(0).startswith(name):
            name = spaced.group(0)  # set apart by white space: the whole token is the name
        if name and (_verb_not_surname(text, pos) or name[0] in "和与及"):
            continue
        if name:
            add(pos, name, title=m.group(0), title_start=str(m.start()))
    for verb in g["speech_verbs"]:
        for m in re.finditer(re.escape(verb), text):
            for length in (3, 2):
                pos = m.start() - length
                if pos < 0:
                    continue
                if pos > 0 and CJK_CHAR.match(text[pos - 1]) and text[pos - 1] not in "，。、“”：:（(的" and \
                        text[pos - 2:pos] not in g["role_nouns"]:
                    continue
                name = name_at(text, pos, strict=False)
                if len(name) == length:
                    add(pos, name)
                    break
    for canonical, forms in g["known_people"].items():
        for form in forms:
            for m in re.finditer(re.escape(form), text):
                if not text.startswith(tuple(g["fixed_terms_after"]), m.end()):
                    add(m.start(), form, canonical=canonical)
    _context_persons(text, add)
    _list_members(text, out, add)
    _recurrences(text, out, add)
    return _longest(out)


def _longest(mentions: list[Mention]) -> list[Mention]:
    """Overlapping readings of one name (钟立 / 钟立强): the first found wins, a longer one replaces it."""
    kept: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if kept and m.start < kept[-1].end:
            continue
        kept.append(m)
    return kept


_NOT_ADDRESS = re.compile("事务所|协会|学会|单位|团|队|服务|志愿|工作|群体|行业|资格")
_BREAK = "、，,。；;：:和与及的了“”‘’《》（）() \t\n\u3000■"
_ORG_END = set("会委局部所院司厂站心团组社盟区县市镇乡村校园城街道学")


def _name_before(text: str, end: int, broken: bool = False) -> str:
    """A full name (surname + 1-2 characters) ending at `end`: two characters when a break stands
    before them, else three (学院吴建平教授 → 吴建平); `broken`: a break must precede either.
    '' when neither reads as a name."""
    g = _grammar()
    for length in (2, 3):
        start = end - length
        if start < 0:
            continue
        cand = text[start:end]
        if (length == 2 or broken) and start > 0 and text[start - 1] not in _BREAK:
            continue
        if g["job_re"].search(cand):
            continue
        if not all(CJK_CHAR.match(c) for c in cand) or cand[-1] in _ORG_END or cand[-1] in "等和与及的了":
            continue
        if _surname_len(cand, 0) and cand not in g["not_names"] and cand[:2] not in g["not_names"] \
                and not gazetteer().find(cand):
            return cand
    return ""


def _context_persons(text: str, add: Callable[..., None]) -> None:
    """Names marked by the words around them: an occupation or honour before (网约车司机李望),
    a form of address after (吴建平教授), a studio named after them (方伟创新工作室), a line
    that opens with the name and a colon (an interview's speaker) or a biography (周某，1986年生)."""
    g = _grammar()
    for m in g["job_re"].finditer(text):
        name = name_at(text, m.end())
        if name and name[0] not in "和与及或兼任" and not _verb_not_surname(text, m.end()):
            add(m.end(), name, job=m.group(0), job_start=str(m.start()))
    for m in g["after_title_re"].finditer(text):
        if _NOT_ADDRESS.match(text, m.end()):
            continue  # 律师事务所, 会长单位: the word starts a longer noun
        name = _name_before(text, m.start())
        if name:
            add(m.start() - len(name), name)
    for m in g["studio_re"].finditer(text):
        name = _name_before(text, m.start(), broken=True)
        if name:
            add(m.start() - len(name), name, studio="1")
    line_start = 0
    for line in text.split("\n"):
        head = re.match(r"[\s■◎●]*(?:【[^】\n]{1,8}】)?\s*", line)
        pos = head.end() if head else 0
        tok = re.match(CJK_CLASS + "{2,3}", line[pos:])
        if tok:
            name, after = tok.group(0), line[pos + tok.end():]
            bio = re.match(r"[，,](?:\d{4}年\S{0,3}生|" + "|".join(g["bio_openers"]) + ")", after)
            said = after[:1] in "：:" and text.count(name) >= 2
            if (bio or said) and name_at(name, 0, strict=False) == name and not gazetteer().find(name):
                add(line_start + pos, name)
        line_start += len(line) + 1


def _list_members(text: str, out: list[Mention], add: Callable[..., None]) -> None:
    """The other members of a list of names (代表张某、吴某和陈某): after a person, a name set off
    by 、/和/与/及 and followed by another separator or a break is a person too; so is a name that
    opens the list, after a break and before 、 (会上，王某、李某分别发言)."""
    for person in [m for m in out if not m.props.get("role")]:
        start = person.start
        for _ in range(12):
            name = _name_before(text, start - 1, broken=True) if text[start - 1:start] == "、" else ""
            if not name:
                break
            start -= 1 + len(name)
            add(start, name, listed="1")
        pos = person.end
        for _ in range(12):
            sep = re.match(r"[、,，和与及]", text[pos:pos + 1])
            if not sep:
                break
            name = name_at(text, pos + 1)
            follows = text[pos + 1 + len(name):pos + 2 + len(name)]
            last = sep.group(0) in "和与及" and len(name) == 3 and not gazetteer().find(name)
            if not name or (follows not in "、,，和与及等。；;\n" and not last):
                break
            add(pos + 1, name, listed="1")
            if last:
                break
            pos += 1 + len(name)


def _recurrences(text: str, out: list[Mention], add: Callable[..., None]) -> None:
    """Every other occurrence of a name already found (周某是首任主席 after 【人物名片】周某): a
    three-character name anywhere, a two-character one only before a break or a name-ending word."""
    g = _grammar()
    for name in {m.surface for m in out if len(m.surface) >= 2 and not m.props.get("canonical")}:
        for m in re.finditer(re.escape(name), text):
            nxt = text[m.end():m.end() + 1]
            if len(name) == 2 and CJK_CHAR.match(nxt) and nxt not in g["after_set"]:
                continue
            if m.start() > 0 and CJK_CHAR.match(text[m.start() - 1]) and text[m.start() - 1] not in _BREAK \
                    and not g["job_re"].search(text, max(0, m.start() - 6), m.start()):
                continue  # 清华大学 holds no 华大学: a name starts after a break or a noun of persons
            add(m.start(), name)
