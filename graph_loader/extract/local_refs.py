"""Local references of article resolution: the article's towns with the county each is written
under, bare party suffixes (党委, 党工委), bodies named by a carrier's stem (信息港党委) or after
a carrier without its place, and short forms merged into the longer name they end.

Why a module of its own: article_resolution gives every mention its canonical name; these are
the lookups that need the article's text and its other mentions rather than the mention alone —
kept apart so the resolver stays one concern (and under the module size limit).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict

from graph_loader.extract.base import Mention
from graph_loader.extract.context import ArticleContext
from graph_loader.extract.naming import split_suffix
from graph_loader.reference.charclass import CJK_CLASS
from graph_loader.reference.gazetteer import gazetteer
from graph_loader.reference.lexicon import (
    ADMIN_AREA,
    BRAND,
    CARRIER,
    GOVERNMENT,
    MASS,
    ORGANIZATION_TYPES,
    PARTY,
    PERSON,
    UNION,
    carrier_grammar,
)

Town = tuple[int, int, str, str]  # start, end, name, county written before it ('' if none)

# A town or street that is a body's whole core after its place prefix (壶镇镇党委 → 壶镇镇).
_TOWN_CORE = re.compile(rf"^{CJK_CLASS}{{2,3}}(?:街道|(?<!小)镇)$")
_COUNTED = re.compile(r"\s*\d|[—\-、]")  # 联合工会1家, 工会联合会—联合工会: a kind, counted or listed
_LOOK_BACK = 9  # characters before a town in which its county may be written


def written_county(text: str, start: int) -> str:
    """The county written right before position `start` (江山市贺村镇 → 江山市), else ''."""
    window = text[max(0, start - _LOOK_BACK):start]
    gaz = gazetteer()
    for k in range(len(window) - 1):
        county, _, used = gaz.parse_prefix(window[k:])
        if county is not None and k + used == len(window):
            return county.name
    return ""


def article_towns(ctx: ArticleContext, mentions: list[Mention]) -> list[Town]:
    """The article's towns and streets: those found in its text and those a named town body
    states (缙云县壶镇镇党委 names 壶镇镇, which the suffix scan cannot cut), each with the county
    the text writes before it."""
    out: list[Town] = [(s, e, n, written_county(ctx.text, s)) for s, e, n in ctx.towns]
    gaz = gazetteer()
    for m in mentions:
        if m.generic or m.type not in (UNION, PARTY, MASS, GOVERNMENT):
            continue
        core, _ = split_suffix(m.surface, m.type)
        county, _, used = gaz.parse_prefix(core)
        town = core[used:]
        if _TOWN_CORE.match(town):
            start = m.start + used
            out.append((start, start + len(town), town, county.name if county else ""))
    unwritten = {t[2] for t in out if not t[3]}
    found = _counties_of_towns(ctx.text, unwritten) if unwritten else {}
    return [(s, e, n, c or found.get(n, "")) for s, e, n, c in out]


def _counties_of_towns(text: str, towns: set[str]) -> dict[str, str]:
    """For each town, the county written before one of its occurrences in the text (江山市贺村镇
    素有… for a later 贺村镇总工会): one pass over the text for all towns together."""
    out: dict[str, str] = {}
    pattern = re.compile("|".join(map(re.escape, sorted(towns, key=len, reverse=True))))
    for match in pattern.finditer(text):
        town = match.group(0)
        if town not in out:
            county = written_county(text, match.start())
            if county:
                out[town] = county
                if len(out) == len(towns):
                    break
    return out


def town_before(towns: list[Town], kind: str, pos: int) -> Town | None:
    """The town (kind 镇) or street (kind 街道) named last before `pos`, else the first one
    named within 200 characters after it."""
    group, ends = _town_group(towns, kind)
    i = bisect_right(ends, pos) or bisect_right(ends, pos + 200)
    return group[i - 1] if i else None


def town_county(towns: list[Town], name: str) -> str:
    """The county written before the town that `name` starts with (贺村镇总工会 → 江山市)."""
    first = _first_county(towns)  # town → (its first index in the list, county), built once per list
    hits = [first[name[:k]] for k in range(1, len(name) + 1) if name[:k] in first]
    return min(hits)[1] if hits else ""


_GROUPS: dict[tuple[int, str], tuple[list[Town], tuple[list[Town], list[int]]]] = {}
_FIRST: dict[int, tuple[list[Town], dict[str, tuple[int, str]]]] = {}


def _town_group(towns: list[Town], kind: str) -> tuple[list[Town], list[int]]:
    key = (id(towns), kind)
    hit = _GROUPS.get(key)
    if hit is None or hit[0] is not towns:
        group = sorted((t for t in towns if t[2].endswith(kind)), key=lambda t: t[1])
        if len(_GROUPS) > 8:
            _GROUPS.clear()
        _GROUPS[key] = hit = (towns, (group, [t[1] for t in group]))
    return hit[1]


def _first_county(towns: list[Town]) -> dict[str, tuple[int, str]]:
    hit = _FIRST.get(id(towns))
    if hit is None or hit[0] is not towns:
        first: dict[str, tuple[int, str]] = {}
        for i, (_, _, town, county) in enumerate(towns):
            if county and town not in first:
                first[town] = (i, county)
        _FIRST.clear()
        _FIRST[id(towns)] = hit = (towns, first)
    return hit[1]


class PartyIndex:
    """The article's party bodies that have a core of their own (仪邦集团党委, 小镇党委 once
    resolved), per suffix, in text order: a bisect finds the one nearest a bare 党委."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.named = sorted((p for p in mentions if p.type == PARTY and p.name and not p.drop
                             and split_suffix(p.surface, PARTY)[0]), key=lambda p: p.start)
        self._by_suffix: dict[str, tuple[list[int], list[str]]] = {}

    def _group(self, suffix: str) -> tuple[list[int], list[str]]:
        if suffix not in self._by_suffix:
            same = [p for p in self.named if p.name.endswith(suffix)]
            self._by_suffix[suffix] = ([p.start for p in same], [p.name for p in same])
        return self._by_suffix[suffix]

    def bare_party(self, m: Mention, suffix: str) -> str:
        """A bare 党委/党工委 is the article's body of that kind named nearest before it (else the
        first named after): 仪邦集团党委…党委领导; 党工委任组长 … 园区党工委. '' when none."""
        starts, names = self._group(suffix)
        i = bisect_right(starts, m.start - 1)
        if i:
            return names[i - 1]
        return names[0] if names else ""


def carrier_stems(carriers: list[Mention]) -> dict[str, str]:
    """A carrier's stem (its name after the place, without its carrier suffix: 信息港 of
    杭州市萧山区信息港小镇) → the carrier's full name; a stem two carriers share is left out.
    The caller passes the article's own carriers (its heading's, its union's): a stem is a
    short name only where the text is about that carrier."""
    suffixes = sorted(carrier_grammar()["suffixes"], key=len, reverse=True)
    gaz = gazetteer()
    stems: dict[str, set[str]] = {}
    for c in carriers:
        if c.type != CARRIER or not c.name or c.drop:
            continue
        rest = c.name[gaz.parse_prefix(c.name)[2]:]
        suffix = next((s for s in suffixes if rest.endswith(s)), "")
        stem = rest[:len(rest) - len(suffix)]
        if suffix and len(stem) >= 2 and gaz.parse_prefix(stem)[2] != len(stem):
            stems.setdefault(stem, set()).add(c.name)
    return {s: next(iter(names)) for s, names in stems.items() if len(names) == 1}


def stem_named(m: Mention, stems: dict[str, str]) -> str:
    """A party body or union whose core is a carrier's stem (信息港党委) is the carrier's body:
    the carrier's full name + its suffix. '' when its core is no stem."""
    core, suffix = split_suffix(m.name, m.type)
    if suffix and core in stems:
        return stems[core] + suffix
    return ""


_REGIONAL = ("联合党委", "综合党委", "党群工作委员会", "党群工委")


def regional_party(carrier: Mention | None, suffix: str) -> str:
    """A bare regional committee (联合党委, 综合党委, 党群工作委员会) in a report on a carrier's
    union is that carrier's committee: such committees are formed for a carrier, not for an
    enterprise. '' when the kind is not regional or the article names no carrier for its union."""
    if suffix not in _REGIONAL or carrier is None:
        return ""
    return carrier.name + suffix


def article_carrier(mentions: list[Mention], main: Mention | None) -> Mention | None:
    """The carrier the article's own union is named after (the longest carrier inside the name
    of a carrier-level main union), else None: 园区党委 in its report is that carrier's."""
    if main is None or main.props.get("level") != "carrier":
        return None
    inside = [c for c in mentions if c.type == CARRIER and c.name and not c.drop and c.name in main.name]
    return max(inside, key=lambda c: len(c.name), default=None)


def county_before(text: str, pos: int, word: str, window: int = 100) -> str:
    """The county-level place of kind `word` (区, 县) written last in the `window` characters
    before `pos` (在常山，县总工会… → 常山县): in an article spanning several counties, 县总工会 is
    the federation of the county the text has just named. '' when there is none."""
    for match in reversed(gazetteer().find(text[max(0, pos - window):pos])):
        place = match.place
        if place.level == "county" and place.name.endswith(word):
            return place.name
    return ""


def complete_from_carriers(mentions: list[Mention]) -> None:
    """A body named after a carrier without its place (壶镇智能装备小镇工会联合会, 商务区团工委 in a
    report that names 青禾县白鹭镇智能装备小镇 / 青禾县某某商务区) takes the carrier's full
    name: the text has said which carrier it is. The longest tail of a carrier name that the
    body's name starts with wins; among carriers sharing it, the most mentioned one, then the
    one named last before."""
    tails: dict[str, list[Mention]] = defaultdict(list)
    counts: dict[str, int] = defaultdict(int)
    for c in mentions:
        if c.type == CARRIER and c.name:
            counts[c.name] += 1
    for c in sorted((m for m in mentions if m.type == CARRIER and m.name and not m.drop), key=lambda m: m.start):
        for i in range(1, len(c.name) - 1):
            tails[c.name[i:]].append(c)
    if not tails:
        return
    gaz = gazetteer()
    chosen: dict[str, tuple[list[int], list[str]]] = {}  # tail → most mentioned carriers' starts, names
    for m in mentions:
        if m.generic or m.type in (CARRIER, PERSON, BRAND, ADMIN_AREA) or not m.name or m.drop:
            continue
        if m.type not in ORGANIZATION_TYPES or gaz.parse_prefix(m.name)[2]:
            continue
        for k in range(len(m.name) - 1, 1, -1):
            found = tails.get(m.name[:k])
            if found:  # once per tail, not per body: a carrier may be mentioned thousands of times
                if m.name[:k] not in chosen:
                    top = max(counts[c.name] for c in found)
                    chosen[m.name[:k]] = ([c.start for c in found if counts[c.name] == top],
                                          [c.name for c in found if counts[c.name] == top])
                starts, names = chosen[m.name[:k]]
                before = bisect_right(starts, m.start)  # the last one named before, else the last
                m.name = names[before - 1 if before else -1] + m.name[k:]
                break

def paragraph_union(text: str, ref: Mention, mentions: list[Mention], main: Mention | None) -> str:
    """The union a bare joint-union reference (联合工会, 工会联合会 with no name before it) stands
    for: the one named after a carrier the paragraph has named before it (在某某商圈，…商圈党委
    把联合工会纳入 → 某某商圈联合工会), else the one so ending named last before it in the
    paragraph. '' when the paragraph names none: the words then describe a kind of union."""
    line_start = text.rfind("\n", 0, ref.start) + 1
    named = sorted((u for u in mentions if u.type == UNION and not u.generic and not u.drop and u.name
                    and u.name.endswith(ref.surface)), key=lambda u: u.start)
    if not named:
        return ""
    names = {u.name for u in named}
    carriers = sorted((c for c in mentions if c.type == CARRIER and c.name and not c.drop
                       and line_start <= c.start < ref.start), key=lambda c: c.start, reverse=True)
    for c in carriers:
        hits = {n for n in names if c.name in n}
        if len(hits) == 1:
            return hits.pop()
    before = [u for u in named if line_start <= u.start < ref.start]
    if before:
        return before[-1].name
    if main is not None and main.name.endswith(ref.surface) and not _COUNTED.match(text, ref.end):
        return main.name
    return ""


def merge_suffix_forms(mentions: list[Mention]) -> None:
    """Within an article, a short name that ends a longer one of the same type is that one."""
    by_type: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        if not m.generic and m.type in (UNION, CARRIER, PARTY):
            by_type[m.type].append(m)
    for etype, group in by_type.items():
        names = sorted({m.name for m in group}, key=len, reverse=True)
        order = {n: i for i, n in enumerate(names)}
        # every name under each of its proper suffixes (and, for unions, those of its
        # bracketless form): a dict lookup instead of comparing every pair of names
        ending: dict[str, set[str]] = defaultdict(set)
        for n in names:
            forms = {n, bracketless(n)} if etype == UNION else {n}
            for form in forms:
                for i in range(1, len(form)):
                    ending[form[i:]].add(n)
        target: dict[str, str] = {}
        for short in names:
            core, suffix = split_suffix(short, etype)
            if len(core) < 2:
                continue
            longer = [n for n in ending.get(short, ()) if len(n) > len(short) and (
                n.endswith(short) or split_suffix(n, etype)[1] == suffix)]
            if longer:
                longer.sort(key=lambda n: (n.endswith(short) is False, order[n]))
                best = max(longer, key=len)
                target[short] = target.get(best, best)
        for m in group:
            m.name = target.get(m.name, m.name)


def bracketless(name: str) -> str:
    return re.sub(r"\([^)]*\)", "", name)
