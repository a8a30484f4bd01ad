"""Name boundaries: where does a Chinese organisation or carrier name start?

Chinese has no spaces, so a name found by its suffix (…总工会, …小镇) must be cut on the left.
We take the run of name characters before the suffix and cut after the last boundary word
(a verb, preposition or particle: 在, 与, 组建, 成立 …) that is not inside a protected word
(a place name from the gazetteer, or a name word such as 中国/上城/时尚 that contains one).
"""

from __future__ import annotations

import functools
import re

from graph_loader.reference.charclass import CJK_CLASS, NAME_CHAR_RE
from graph_loader.reference.gazetteer import gazetteer
from graph_loader.reference.lexicon import org_grammar

MAX_NAME = 28
_ONE_CHAR_TOWN = re.compile(r".(?:镇|乡|街道)")
_TOWN_OPEN = re.compile(rf"{CJK_CLASS}{{2,3}}?(?:镇|乡|街道)")
_PRODUCT_MAX = 4  # characters of a product word in an industry's name (阀门, 电机, 汽车配件)
_NOT_TOWN_START = set("个该各本全每此两几乡村集小古名强重原新老")  # 这个镇, 该镇, 乡镇, 小镇: no town name


@functools.cache
def _boundary_regex() -> re.Pattern[str]:
    words = sorted(set(org_grammar()["boundary_words"]), key=lambda w: (-len(w), w))
    return re.compile("|".join(re.escape(w) for w in words))


@functools.cache
def _protected_regex() -> re.Pattern[str]:
    words = set(org_grammar().get("protected_words", [])) | set(gazetteer().forms)
    words = {w for w in words if len(w) >= 2}
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w))))


def run_start(text: str, end: int, max_len: int = MAX_NAME) -> int:
    """Start of the maximal run of name characters ending at `end` (no punctuation, digits, space)."""
    i = end
    depth = 0
    while i > 0 and end - i < max_len:
        ch = text[i - 1]
        if ch in ")）":
            depth += 1
        elif ch in "(（":
            if depth == 0:
                break
            depth -= 1
        if not NAME_CHAR_RE.match(ch):
            break
        i -= 1
    return i


def name_start(text: str, end: int, max_len: int = MAX_NAME) -> tuple[int, str]:
    """Left edge of the name ending at `end`, and the boundary word it was cut after ('' if none)."""
    start = run_start(text, end, max_len)
    run = text[start:end]
    if not run:
        return end, ""
    protected = [False] * len(run)
    for m in _protected_regex().finditer(run):
        for k in range(m.start(), m.end()):
            protected[k] = True
    cut, word = 0, ""
    cuts: list[tuple[int, str]] = []  # every unprotected boundary word: (its end, the word)
    for m in _boundary_regex().finditer(run):
        # finditer is non-overlapping left to right; a later match wins (rightmost cut)
        if any(protected[m.start():m.end()]):
            continue
        cuts.append((m.end(), m.group(0)))
        if m.end() >= cut:
            cut, word = m.end(), m.group(0)
    # overlapping boundary words (e.g. 在 inside 所在): re-scan from each position
    for k in range(len(run)):
        m = _boundary_regex().match(run, k)
        if m and not any(protected[m.start():m.end()]):
            cuts.append((m.end(), m.group(0)))
            if m.end() > cut:
                cut, word = m.end(), m.group(0)
    if word in _conjunctions() and _joins_products(run, cut, word):
        # 青禾镇阀门与管件行业: the conjunction joins two products of one industry's name
        cut, word = max(((e, w) for e, w in cuts if e <= cut - len(word)), default=(0, ""))
    # a town's name is two or three characters: a cut that leaves one before 镇/乡 took the town's
    # first character for a boundary word (吸纳于城镇总工会 keeps 于城镇)
    town = _ONE_CHAR_TOWN.match(run, cut) if 0 < cut < len(run) else None
    if town and len(word) == 1 and run[cut - 1] == word and run[cut] not in _NOT_TOWN_START \
            and not protected[cut] and not run.startswith(("市", "县", "区"), town.end()):
        cut -= 1
        word = ""
    # a place name later in the run starts the name (干货满满杭州西湖区总工会 → 杭州西湖区总工会)
    places = [m for m in gazetteer().find(run) if m.start > cut]
    if places and not any(p.start <= cut < p.end for p in gazetteer().find(run)):
        first = places[0]
        if not gazetteer().find(run[cut:first.start]) and first.start - cut >= 2:
            return start + first.start, word
    return start + cut, word


@functools.cache
def _conjunctions() -> frozenset[str]:
    return frozenset(org_grammar()["name_conjunctions"])


@functools.cache
def _industry_words() -> tuple[str, ...]:
    return tuple(org_grammar()["industry_name_ends"])


@functools.cache
def _body_endings() -> tuple[str, ...]:
    """Suffixes of a body's name (工会, 党委, 公司, 协会 …): a product word ends with none."""
    grammar = org_grammar()
    words = set(grammar["union_suffixes"]) | set(grammar["party_suffixes"])
    for key in ("mass_suffixes", "government_suffixes", "enterprise_suffixes", "alliance_suffixes"):
        words |= set(grammar[key])
    return tuple(words)


def _starts_with_place(text: str) -> int:
    """Length of the place (gazetteer) or town/street (X镇, X街道) a text opens with, else 0."""
    used = gazetteer().parse_prefix(text)[2]
    town = _TOWN_OPEN.match(text, used)
    return town.end() if town else used


def _joins_products(run: str, cut: int, word: str) -> bool:
    """A conjunction is inside one name when it joins two products of an industry named after a
    place (青禾镇阀门与管件行业工会): the words before it open with a place and add a short product
    word, the words after it are a short product word and an industry word, with no place of their
    own. A cut there would leave a name with no place (管件行业工会) that names no body."""
    rest = run[cut:]
    industry = next((w for w in _industry_words() if rest.endswith(w)), "")
    if not industry or not 1 <= len(rest) - len(industry) <= _PRODUCT_MAX or _starts_with_place(rest):
        return False
    before = run[:cut - len(word)]
    for start in range(len(before) - 1, -1, -1):  # the place nearest before the conjunction
        place = _starts_with_place(before[start:])
        if place:
            product = before[start + place:]
            return 1 <= len(product) <= _PRODUCT_MAX and not product.endswith(_body_endings())
    return False


def strip_brackets(name: str) -> str:
    """Normalise bracket forms to ASCII parentheses (as the gold and NFKC do)."""
    return name.replace("（", "(").replace("）", ")")
