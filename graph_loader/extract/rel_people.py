"""HOLDS_POSITION (person → organisation, `title`) and AUTHORED (person → article).

Why: posts are written "<organisation><title>、<organisation><title><name>"; each pair of an
organisation mention ending where a title starts gives one edge, so 兼任 posts give two. They
are also written after the name (X，现任A书记、B主席，兼任C副主席), as appointments (理事长由…X担任)
or with the body left to the sentence's topic (联盟…，X任秘书长). A post the text marks as past
(曾任, 原, 此前) gives no edge. A person in a party post and a union chair gives PARTY_BUILDING.
"""

from __future__ import annotations

import functools
import re

from graph_loader.extract.actors import relate
from graph_loader.extract.base import Mention, RelMention, Sentence
from graph_loader.extract.context import ArticleContext
from graph_loader.extract.mention_index import OrgLookup, lookup_of
from graph_loader.reference.charclass import CJK_CLASS
from graph_loader.reference.gazetteer import gazetteer
from graph_loader.reference.lexicon import (
    AUTHORED,
    HOLDS_POSITION,
    ORGANIZATION_TYPES,
    PARTY,
    PARTY_BUILDING,
    PERSON,
    UNION,
    alternation,
    org_grammar,
    person_grammar,
    short_union_suffixes,
)


@functools.cache
def _title_end_re() -> re.Pattern[str]:
    """A post or a job noun ending right before a name (主席, 装配班班长 ends in 班长)."""
    g = person_grammar()
    titles = sorted(set(g["titles"]) | set(g["job_nouns"]), key=len, reverse=True)
    return re.compile("(" + "|".join(map(re.escape, titles)) + r")\s*$")


@functools.cache
def _honour_end_re() -> re.Pattern[str]:
    """An honour before a name (集团工会主席、全国劳动模范郑某): no post, the chain passes over it."""
    honours = sorted(person_grammar()["honour_nouns"], key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, honours)) + r")\s*$")


# A post held in the past gives no edge (曾任…, 原…主席): the edge has no time.
_PAST = re.compile(r"(曾任|曾担任|原任|历任|前任|曾是|此前|以前|原)$")
# A department or team between a body and a post word (县总工会基层工作部部长, 公司装配班班长).
_GAP = re.compile(rf"{CJK_CLASS}{{1,6}}")
# Bodies written short in a post (新当选的联合会主席, 联盟理事长由…): the article's one body so named.
# the short union suffixes (longest first) and two shorter forms that stand for a union or alliance
_REFS = tuple(sorted((*short_union_suffixes(), "联合会", "联盟"), key=len, reverse=True))


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
    lookup = lookup_of(orgs)  # tables of the article's bodies, not a scan of them per reference
    unions = lookup.unions
    fixed = org_grammar()["fixed_aliases"].get(ref)
    target = None
    if fixed and fixed in unions:
        target = unions[fixed]
    elif took and ref == "工会" and ctx.main_union is not None and ctx.main_union.name in unions:
        target = ctx.main_union
    elif ref in ("总工会", "工会") and not took:
        prev = lookup.all.last(start)  # the body ending last before, within 10 characters
        if prev is not None and start - prev.end <= 10:
            _, _, used = gazetteer().parse_prefix(prev.name)
            target = unions.get(prev.name[:used] + ref) if used else None
    elif len(ref) >= 4:
        hits = lookup.unions_containing(ref) or _firm_unions(lookup, ref)
        target = hits[0] if len(hits) == 1 else None
    if target is None:
        return None
    return Mention(UNION, ref, start, end, dict(target.props), name=target.name)


def _firm_unions(lookup: OrgLookup, ref: str) -> list[Mention]:
    """A firm's union written without its company words (某某印染工会 for 某某印染有限公司工会):
    the unions whose name holds the core and ends in the same suffix."""
    suffix = next((w for w in _REFS if ref.endswith(w)), "")
    core = ref[:-len(suffix)] if suffix else ""
    return [o for o in lookup.unions_containing(core) if o.name.endswith(suffix)] if len(core) >= 3 else []


def ref_body(ctx: ArticleContext, orgs: list[Mention], ref: str, start: int, end: int) -> Mention | None:
    """A short reference (联盟, 联合会, 工会) to the body the article is about: the main union when
    its name ends so, else the last organisation so named before it (or the only one)."""
    main = ctx.main_union
    lookup = lookup_of(orgs)  # tables of the article's bodies, not a scan of them per reference
    if main is not None and main.name and main.name.endswith(ref) and main.name in lookup.names:
        target = main
    else:
        named, by_end, distinct = lookup.ending(ref)
        last = by_end.last(start)
        if last is not None:  # the last body so named before the reference
            target = last
        elif distinct == 1:
            target = named[0]
        else:
            return None
    return Mention(target.type, ref, start, end, dict(target.props), name=target.name)


_TAKES = re.compile(r"^\s*(?:[，,]\s*(?:\d{4}年\S{0,3}生[，,]\s*)?现任|担任|当选为?|兼任|出任|现任|任)了?")
_ELECTED = re.compile(r"^\s*(?:为|担任|当选为?)(?:新一届)?(常务副主席|专职副主席|副主席|主席)")
_NEXT_POST = re.compile(r"^(?:、|[，,]\s*(?:并|同时)?兼任|[，,]\s*兼)")
_BREAKS = set("、，,。；;：:的和与及由在是为了“”")


class _Posts:
    """The post patterns of one article; each finder returns (organisation, title, span) triples
    for one person, `rule` naming the pattern."""

    def __init__(self, ctx: ArticleContext, mentions: list[Mention]) -> None:
        self.ctx, self.text = ctx, ctx.text
        self.orgs = [m for m in mentions if m.type in ORGANIZATION_TYPES and m.name and not m.drop]
        self.by_end: dict[int, Mention] = {}
        self.by_start: dict[int, Mention] = {}
        for m in self.orgs:
            if m.end not in self.by_end or self.by_end[m.end].start > m.start:
                self.by_end[m.end] = m
            if m.start not in self.by_start or self.by_start[m.start].end < m.end:
                self.by_start[m.start] = m
        # bare references left unnamed by resolution (党工委委员徐某): the last body so named before
        for m in mentions:
            if m.type in ORGANIZATION_TYPES and m.generic and (m.drop or not m.name) and m.end not in self.by_end:
                ref = ref_body(ctx, self.orgs, m.surface, m.start, m.end) if len(m.surface) >= 2 else None
                if ref is not None and ref.type == m.type:
                    self.by_end[m.end] = ref
                    self.by_start.setdefault(m.start, ref)

    def past(self, start: int) -> bool:
        return bool(_PAST.search(self.text[max(0, start - 4):start]))

    def body_ending(self, pos: int) -> tuple[Mention | None, int]:
        """The body written right before a post word at pos, and where the post's title starts:
        the body itself, a short union (楼宇工会主席), or a body and a department (…部部长)."""
        text, org = self.text, self.by_end.get(pos)
        if org is not None:
            return org, pos
        short = _SHORT_UNION_END.search(text[max(0, pos - 8):pos])
        if short and (short.group(1) or text[pos - len(short.group(0)) - 1:pos - len(short.group(0))] in "、，,的"):
            org = _short_union(self.ctx, self.orgs, pos - len(short.group(0)), pos)
            if org is not None:
                return org, pos
        for ref in _REFS:
            if text.endswith(ref, 0, pos) and text[pos - len(ref) - 1:pos - len(ref)] in "、，,的":
                return ref_body(self.ctx, self.orgs, ref, pos - len(ref), pos), pos
        for k in range(pos - 1, max(0, pos - 7), -1):
            if k in self.by_end and _GAP.fullmatch(text[k:pos]) and not _BREAKS & set(text[k:pos]):
                return self.by_end[k], k
        return None, pos

    def before(self, person: Mention) -> list[tuple[Mention, str, int]]:
        """<org><title>、<org><title><name>: each body ending where a title starts; honours skipped."""
        text, pos, titles, out = self.text, person.start, [], []
        for _ in range(8):
            window = max(0, pos - 12)
            honour = _honour_end_re().search(text[window:pos])
            if honour and not titles:
                pos = window + honour.start()
                continue
            t = _title_end_re().search(text[window:pos])
            if t:
                ts, te = window + t.start(1), window + t.end(1)
                inside = [e for e in range(ts + 1, te) if e in self.by_end and self.by_end[e].start < ts]
                if ts not in self.by_end and inside:  # 党支部书记 after 东冠…党支部: the body owns 党支部
                    ts = inside[-1]
                org, title_start = self.body_ending(ts)
                titles.append(text[title_start:te])
                pos = title_start
                if org is not None:
                    if not self.past(org.start):
                        out.append((org, "、".join(reversed(titles)), org.start))
                    titles = []
                    pos = org.start
                continue
            if pos > 0 and text[pos - 1] in "、，," and (titles or pos < person.start):
                pos -= 1
                continue
            break
        return out

    def after(self, person: Mention) -> list[tuple[Mention, str, int]]:
        """<name>，现任<org><title>、<org><title>，兼任<org><title> / <name>任<org><title>; a post
        with no body written (<name>任秘书长) belongs to the body the sentence opens with."""
        text = self.text
        took = _TAKES.match(text[person.end:person.end + 24])
        if not took:
            return []
        p, out = person.end + took.end(), []
        first = p
        for _ in range(6):
            org = self.by_start.get(p)
            if org is None:
                short = _SHORT_UNION_START.match(text[p:p + 10])
                if short:
                    org = _short_union(self.ctx, self.orgs, p, p + short.end(), took=True) or \
                        ref_body(self.ctx, self.orgs, short.group(2), p, p + short.end())
                elif (ref := next((r for r in _REFS if text.startswith(r, p)), None)) is not None:
                    org = ref_body(self.ctx, self.orgs, ref, p, p + len(ref))  # 当选联合会主席
            t = _title_start_re().match(text, org.end) if org is not None else None
            if org is not None and t is None:
                gap = re.match(rf"{CJK_CLASS}{{1,6}}?(?={_title_start_re().pattern})", text[org.end:org.end + 12])
                t = _title_start_re().match(text, org.end + gap.end()) if gap else None
            if org is None or t is None:
                bare = _title_start_re().match(text, p)
                if bare and not out and p == first:
                    topic = self.topic(p)
                    if topic is not None:
                        out.append((topic, bare.group(1), bare.end()))
                skip = re.match(rf"{CJK_CLASS}{{1,8}}?(?:{_title_start_re().pattern})", text[p:p + 14])
                if not skip:
                    break
                p += skip.end()
            else:
                out.append((org, text[org.end:t.end()], t.end()))
                p = t.end()
            nxt = _NEXT_POST.match(text[p:p + 6])
            if not nxt:
                break
            p += nxt.end()
        return out

    def topic(self, pos: int) -> Mention | None:
        """The body a sentence opens with by a short reference (联盟实行理事会制，…任理事长)."""
        sentence = self.ctx.sentence_at(pos)
        head = sentence.text.lstrip()
        at = sentence.start + len(sentence.text) - len(head)
        org = self.by_start.get(at)
        if org is not None:
            return org
        ref = next((r for r in _REFS if head.startswith(r)), None)
        return ref_body(self.ctx, self.orgs, ref, at, at + len(ref)) if ref else None

    def appointed(self, person: Mention) -> list[tuple[Mention, str, int]]:
        """<org><title>由<posts><name>担任/兼任: the post named before 由 (理事长由…陆某担任)."""
        text = self.text
        done = re.match(r"\s*(?:担任|兼任|出任)", text[person.end:person.end + 4])
        sentence = self.ctx.sentence_at(person.start)
        if not done:
            return []
        head = text[sentence.start:person.start]
        found = list(re.finditer(rf"({_title_start_re().pattern[1:-1]})由", head))
        if not found:
            return []
        t = found[-1]
        ts = sentence.start + t.start(1)
        if self.past(ts):
            return []
        org = self.body_ending(ts)[0] or self.topic(ts)
        if org is None:
            return []
        return [(org, t.group(1), person.end + done.end())]


def positions(ctx: ArticleContext, mentions: list[Mention]) -> list[RelMention]:
    """Posts before a name (<org><title>、<org><title><name>, 全总副主席、书记处书记<name>), after
    it (<name>，现任<org><title>…; 选举<name>为主席 → the union the sentence is about) and
    appointments (<title>由<name>担任)."""
    out: list[RelMention] = []
    text = ctx.text
    posts = _Posts(ctx, mentions)
    seen: set[tuple[int, str]] = set()

    held: dict[int, list[tuple[Mention, str, Sentence]]] = {}

    def emit(person: Mention, org: Mention, title: str, start: int, end: int, rule: str) -> None:
        if (person.start, org.name) in seen:
            return
        seen.add((person.start, org.name))
        start, end = min(start, person.start), max(end, person.end)
        span = Sentence(start, end, text[start:end])
        held.setdefault(person.start, []).append((org, title, span))
        out.append(relate(ctx, mentions, HOLDS_POSITION, person, org, span, rule=rule, title=title))

    for person in (m for m in mentions if m.type == PERSON and not m.props.get("role")):
        for org, title, start in posts.before(person):
            emit(person, org, title, start, person.end, "positions.before")
        for org, title, end in posts.after(person):
            emit(person, org, title, person.start, end, "positions.after")
        for org, title, end in posts.appointed(person):
            emit(person, org, title, org.start, end, "positions.appointed")
        elected = _ELECTED.match(text[person.end:person.end + 30])
        if elected and re.search(r"(选举|推选|选出|当选)", text[max(0, person.start - 20):person.start]):
            sentence = ctx.sentence_at(person.start)
            unions = [o for o in posts.orgs if o.type == UNION and sentence.start <= o.start < person.start]
            target = unions[-1] if unions else ctx.main_union
            if target is not None:
                emit(person, target, elected.group(1), min(target.start, person.start),
                     person.end + elected.end(), "positions.elected")
    return out + _cross_appointments(ctx, mentions, held)


def _cross_appointments(ctx: ArticleContext, mentions: list[Mention],
                        held: dict[int, list[tuple[Mention, str, Sentence]]]) -> list[RelMention]:
    """One person in a party post and in a union chair (党委副书记…兼任工会主席): the party body
    builds the union by cross-appointment (交叉任职), a PARTY_BUILDING edge."""
    out: list[RelMention] = []
    pairs: set[tuple[str, str]] = set()
    for posts in held.values():
        for party, _, p_span in (p for p in posts if p[0].type == PARTY):
            chairs = (p for p in posts
                      if p[0].type == UNION and "主席" in p[1] and not p[1].startswith(("兼职", "挂职")))
            for union, _title, u_span in chairs:
                if (party.name, union.name) in pairs:
                    continue
                pairs.add((party.name, union.name))
                start, end = min(p_span.start, u_span.start), max(p_span.end, u_span.end)
                span = Sentence(start, end, ctx.text[start:end])
                out.append(relate(ctx, mentions, PARTY_BUILDING, party, union, span,
                                  rule="party_building.cross-appointment", mode="交叉任职"))
    return out


def authorship(ctx: ArticleContext, mentions: list[Mention]) -> list[RelMention]:
    out: list[RelMention] = []
    for person in (m for m in mentions if m.type == PERSON and m.props.get("role")):
        sentence = ctx.sentence_at(person.start)
        title = ctx.article.title or ctx.article.id
        out.append(RelMention(AUTHORED, person, title, sentence.start, sentence.end,
                              {"role": person.props["role"]}, person.surface, ""))
    return out
