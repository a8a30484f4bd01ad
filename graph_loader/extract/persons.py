"""Person mentions: by-lines, masthead name lists, `主席X` posts, `X说` quotes, known leaders.

Why patterns and not a name list: every article brings new people. A name is a surname from
the data file plus one or two characters; the character after it decides two or three.
A post word before the name (主席, 党工委书记, 领衔人) is kept for HOLDS_POSITION.
"""

from __future__ import annotations

import functools
import re

from graph_loader.extract.base import Mention
from graph_loader.reference.charclass import CJK_CHAR, CJK_CLASS
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
    role_alt = "|".join(map(re.escape, roles))
    g["role_re"] = re.compile(r"(?:^|(?<=[\s■◎●/]))(" + role_alt + r")\s*(?=" + CJK_CLASS + ")")
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
    if len(chars) == 2 and (chars[1] in g["after_set"] or text[pos:pos + sl + 2] in g["not_names"]):
        chars = chars[:1]
        if text[pos + sl + 2:pos + sl + 4] in g["after_words"]:
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
            rest = line[m.end():]
            seg = re.split(r"[，,。;；:：(（]|报道|摄|供稿", rest)[0]
            for sub in re.finditer(r"[^\s]+", seg):
                token = sub.group(0)
                if any(token.startswith(r) for r in g["byline_roles"]):
                    break
                for off, nm in _names_in_list(token) or ([(0, name_at(token, 0, strict=False))]):
                    if nm:
                        add(line_start + m.end() + sub.start() + off, nm, role=m.group(1))
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
        spaced = re.match(CJK_CLASS + r"{2,3}(?=\s|$)", text[pos:]) if pos > m.end() else None
        if name and spaced and spaced.group(0).startswith(name):
            name = spaced.group(0)  # set apart by white space: the whole token is the name
        if name and _verb_not_surname(text, pos):
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
                add(m.start(), form, canonical=canonical)
    return out
