"""HOLDS_POSITION (person → organisation, `title`) and AUTHORED (person → article).

Why: posts are written "<organisation><title>、<organisation><title><name>"; each pair of an
organisation mention ending where a title starts gives one edge, so 兼任 posts give two.
"""

from __future__ import annotations

import functools
import re

from graph_loader.extract.actors import relate
from graph_loader.extract.base import Mention, RelMention, Sentence
from graph_loader.extract.context import ArticleContext
from graph_loader.reference.charclass import CJK_CLASS
from graph_loader.reference.gazetteer import gazetteer
from graph_loader.reference.lexicon import (
    AUTHORED,
    HOLDS_POSITION,
    ORGANIZATION_TYPES,
    PERSON,
    UNION,
    alternation,
    org_grammar,
    person_grammar,
    short_union_suffixes,
)


@functools.cache
def _title_end_re() -> re.Pattern[str]:
    titles = sorted(person_grammar()["titles"], key=len, reverse=True)
    return re.compile("(" + "|".join(map(re.escape, titles)) + r")\s*$")


@functools.cache
def _title_start_re() -> re.Pattern[str]:
    titles = sorted(person_grammar()["titles"], key=len, reverse=True)
    return re.compile("(" + "|".join(map(re.escape, titles)) + ")")


# A short union reference written in a post (楼宇工会主席, 、总工会主席) that no mention covers.
_SHORT_UNIONS = alternation(short_union_suffixes())
_SHORT_UNION_END = re.compile(rf"({CJK_CLASS}{{0,4}}?)({_SHORT_UNIONS})$")
_SHORT_UNION_START = re.compile(rf"^({CJK_CLASS}{{0,4}}?)({_SHORT_UNIONS})")


def _short_union(ctx: ArticleContext, orgs: list[Mention], start: int, end: int,
                 took: bool = False) -> Mention | None:
    """The article's union a short reference text[start:end] stands for: a fixed alias (全国总工会),
    the one union whose name contains it (楼宇工会 → …楼宇工会联合会), or, for a bare 总工会 after
    another body's post (<X区人大常委会副主任>、总工会主席), X区's union; a bare 工会 taken up
    (<name>担任工会副主席) is the article's union. None when unsure."""
    ref = ctx.text[start:end]
    unions = {o.name: o for o in orgs if o.type == UNION}
    fixed = org_grammar()["fixed_aliases"].get(ref)
    target = None
    if fixed and fixed in unions:
        target = unions[fixed]
    elif took and ref == "工会" and ctx.main_union is not None and ctx.main_union.name in unions:
        target = ctx.main_union
    elif ref in ("总工会", "工会") and not took:
        before = [o for o in orgs if o.end <= start and start - o.end <= 10]
        if before:
            prev = max(before, key=lambda o: o.end)
            _, _, used = gazetteer().parse_prefix(prev.name)
            target = unions.get(prev.name[:used] + ref) if used else None
    elif len(ref) >= 4:
        hits = [o for o in unions.values() if ref in o.name and o.name != ref]
        target = hits[0] if len(hits) == 1 else None
    if target is None:
        return None
    return Mention(UNION, ref, start, end, dict(target.props), name=target.name)


_TAKES = re.compile(r"^\s*(?:担任|当选为?|兼任|出任|任)了?")
_ELECTED = re.compile(r"^\s*(?:为|担任|当选为?)(?:新一届)?(常务副主席|专职副主席|副主席|主席)")


def positions(ctx: ArticleContext, mentions: list[Mention]) -> list[RelMention]:
    """Posts before a name (<org><title>、<org><title><name>, 全总副主席、书记处书记<name>) and after
    it (<name>担任<org><title>; 选举<name>为主席 → the union the sentence is about)."""
    out: list[RelMention] = []
    text = ctx.text
    orgs = [m for m in mentions if m.type in ORGANIZATION_TYPES and m.name and not m.drop]
    by_end: dict[int, Mention] = {}
    for m in orgs:
        if m.end not in by_end or by_end[m.end].start > m.start:
            by_end[m.end] = m
    seen: set[tuple[int, str]] = set()

    def emit(person: Mention, org: Mention, titles: list[str], start: int, end: int) -> None:
        if (person.start, org.name) in seen:
            return
        seen.add((person.start, org.name))
        span = Sentence(start, end, text[start:end])
        title = "、".join(reversed(titles))
        out.append(relate(ctx, mentions, HOLDS_POSITION, person, org, span, title=title))

    for person in (m for m in mentions if m.type == PERSON and not m.props.get("role")):
        pos = person.start
        titles: list[str] = []
        for _ in range(8):
            window = max(0, pos - 12)
            t = _title_end_re().search(text[window:pos])
            if t:
                ts, te = window + t.start(1), window + t.end(1)
                inside = [e for e in range(ts + 1, te) if e in by_end and by_end[e].start < ts]
                if ts not in by_end and inside:  # 党支部书记 after 东冠…党支部: the body owns 党支部
                    ts = inside[-1]
                titles.append(text[ts:te])
                pos = ts
                org = by_end.get(pos)
                if org is None:
                    short = _SHORT_UNION_END.search(text[max(0, pos - 8):pos])
                    if short and (short.group(1) or text[pos - len(short.group(0)) - 1:pos - len(short.group(0))]
                                  in "、，,"):
                        org = _short_union(ctx, orgs, pos - len(short.group(0)), pos)
                if org is not None:
                    emit(person, org, titles, org.start, person.end)
                    titles = []
                    pos = org.start
                continue
            if pos > 0 and text[pos - 1] in "、，," and (titles or pos < person.start):
                pos -= 1
                continue
            break
        # after the name: <name>担任<org><title> / 选举<name>为主席
        after = text[person.end:person.end + 30]
        took = _TAKES.match(after)
        if took:
            org = next((o for o in orgs if o.start == person.end + took.end()), None)
            short = _SHORT_UNION_START.match(after[took.end():])
            if org is None and short:
                org = _short_union(ctx, orgs, person.end + took.end(), person.end + took.end() + short.end(),
                                   took=True)
            if org is not None:
                t = _title_start_re().match(text, org.end)
                if t:
                    emit(person, org, [t.group(1)], person.start, t.end())
                    continue
        elected = _ELECTED.match(after)
        if elected and re.search(r"(选举|推选|选出|当选)", text[max(0, person.start - 20):person.start]):
            sentence = ctx.sentence_at(person.start)
            unions = [o for o in orgs if o.type == UNION and sentence.start <= o.start < person.start]
            target = unions[-1] if unions else ctx.main_union
            if target is not None:
                emit(person, target, [elected.group(1)], min(target.start, person.start),
                     person.end + elected.end())
    return out


def authorship(ctx: ArticleContext, mentions: list[Mention]) -> list[RelMention]:
    out: list[RelMention] = []
    for person in (m for m in mentions if m.type == PERSON and m.props.get("role")):
        sentence = ctx.sentence_at(person.start)
        title = ctx.article.title or ctx.article.id
        out.append(RelMention(AUTHORED, person, title, sentence.start, sentence.end,
                              {"role": person.props["role"]}, person.surface, ""))
    return out
