"""Inference: edges that follow from edges already extracted in the article, each rule named.

Why a layer of its own, run after the relation families: some facts are never written as one
sentence but follow from two (a union runs a brand, the brand is a rest station → the union
runs rest stations), or from the shape of a name the text reports on (a 联合工会 serving a park
was formed jointly), or from the page around the article (a unit in a winners' list entered the
programme the lead names). Every inferred edge keeps the evidence span of the facts it comes
from and the rule name `inference.<name>`, so its confidence is measured apart.

Rules: brand-adopts, brand-adopts-headline, party-led, cross-appointment, formation, alliance, alliance-members,
programme-entrants.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from graph_loader.extract.actors import is_plan
from graph_loader.extract.base import Mention, RelMention
from graph_loader.extract.context import ArticleContext
from graph_loader.extract.discourse import is_guide
from graph_loader.extract.founding import foundings
from graph_loader.extract.mention_index import index_of
from graph_loader.extract.rel_practices import founded_in, founding_year, stated_year
from graph_loader.reference.lexicon import (
    ADOPTS,
    ALLIANCE,
    COVERS,
    HOLDS_POSITION,
    INSTANCE_OF,
    OPERATES,
    PARTICIPATES_IN,
    PARTY,
    PARTY_BUILDING,
    PERSON,
    UNION,
    alternation,
    practice_lexicon,
    practice_rules,
    program_lexicon,
    union_suffix_forms,
)

PARTY_LED = "practice:party-led-union-building"
CROSS_APPOINTMENT = "practice:cross-appointment"
JOINT_FORMATION = "practice:joint-union-formation"
UNION_ALLIANCE = "practice:union-alliance"

# a post held in both a party body and a union: 兼任, 交叉任职, 由…副书记担任
_CROSS_WORDS = re.compile(r"(兼任|兼职|交叉任职|双向进入|由[^，。；]{0,16}(书记|委员)[^，。；]{0,4}(担任|兼))")
_LEAD_WORDS = re.compile(r"(党建带工建|党工共建|党建引领|党建统领|引领|领导|带动|联建|共建)")
# a programme held as an event whose entrants a page lists: 第三届…展评, 获奖名单, 结果揭晓
_EVENT = re.compile(r"(第[一二三四五六七八九十\d]+届|获奖|名单|揭晓)")
_LEVEL = re.compile(r"(全国|全省|省级|全市|市级)")
_LEVELS = {"全国": "全国", "全省": "省级", "省级": "省级", "全市": "市级", "市级": "市级"}
_YEAR = re.compile(r"(20[0-2]\d)年")
ENTRANT_KINDS = ("entry", "blurb")


@functools.cache
def joint_forms() -> frozenset[str]:
    """Union forms (organizations.yaml) of joint unions: 联合工会, 工会联合会."""
    return frozenset(f for f in union_suffix_forms().values() if "联合" in f)


@functools.cache
def alliance_forms() -> frozenset[str]:
    """Union forms of alliances of unions (…工会联盟)."""
    return frozenset(f for f in union_suffix_forms().values() if "联盟" in f)


def union_form(m: Mention) -> str:
    """The union form of a mention: its own `form`, else the one its name's suffix gives."""
    if m.props.get("form"):
        return str(m.props["form"])
    return next((form for suffix, form in union_suffix_forms().items() if m.name.endswith(suffix)), "")


def _name(end: Mention | str) -> str:
    return end.name if isinstance(end, Mention) else end


def _edge(rtype: str, head: Mention, tail: str, sources: Iterable[RelMention], rule: str,
          **props: object) -> RelMention:
    """An inferred edge whose evidence spans the edges it follows from. The head's surface is
    the one a source edge quotes for that body — as its head, or as its tail when the inferred
    head was the source's tail (the union of a PARTY_BUILDING, the chair's union)."""
    sources = list(sources)
    start = min(r.start for r in sources)
    end = max(r.end for r in sources)
    quoted = [s for r in sources for s, e in ((r.head_surface, r.head), (r.tail_surface, r.tail))
              if s and _name(e) == head.name]
    surface = quoted[0] if quoted else head.surface
    return RelMention(rtype, head, tail, start, end, {k: v for k, v in props.items() if v not in (None, "")},
                      surface, "", f"inference.{rule}")


def brand_adopts(ctx: ArticleContext, mentions: list[Mention], relations: list[RelMention]) -> list[RelMention]:
    """X OPERATES brand B, B INSTANCE_OF practice P → X ADOPTS P, when the sentence that
    launches B names X, or X is the article's headline union (rule `brand-adopts-headline`, its
    precision measured apart: the operator was only inferred from the article, so it is weaker).
    A brand named k times pairs k operations with k instances: past the first
    `_PREMISE_PAIRS` pairs of one head and practice an edge adds no evidence a record keeps."""
    kinds: dict[str, dict[str, list[RelMention]]] = {}  # brand name → practice → its INSTANCE_OF edges
    for r in relations:
        if r.type == INSTANCE_OF and isinstance(r.head, Mention) and isinstance(r.tail, str):
            kinds.setdefault(r.head.name, {}).setdefault(r.tail, []).append(r)
    out = []
    used: dict[tuple[str, str, bool, str], int] = {}  # pairs emitted per head and practice
    for r in relations:
        if r.type != OPERATES or not isinstance(r.head, Mention) or not isinstance(r.tail, Mention):
            continue
        if r.head.type == PERSON or not r.head.name:
            continue
        sentence = ctx.sentence_at(r.tail.start)
        named = any(m.name == r.head.name for m in index_of(mentions).starting_in(sentence.start, sentence.end))
        headline = ctx.main_union is not None and r.head.name == ctx.main_union.name
        if not named and not headline:
            continue
        for practice, insts in kinds.get(r.tail.name, {}).items():
            key = (r.head.type, r.head.name, r.head.drop, practice)
            done = used.get(key, 0)
            year = stated_year(ctx, sentence, r.tail.start)
            if not named:  # an inferred operator: only a brand whose kind is plain (cue in its name, or described)
                insts = [i for i in insts if _typed_plainly(r.tail.name, i)]
            for inst in insts[:max(0, _PREMISE_PAIRS - done)]:
                out.append(_edge(ADOPTS, r.head, str(inst.tail), (r, inst),
                                 "brand-adopts" if named else "brand-adopts-headline", year=year))
            used[key] = min(_PREMISE_PAIRS, done + len(insts))
    return out


def _typed_plainly(brand: str, inst: RelMention) -> bool:
    """The brand is of its practice by a description (a described-rule INSTANCE_OF) or by a cue
    of the practice inside its name (职工书屋), not only by a venue-noun hint (…讲堂, …课堂), which
    is too weak a second premise next to an operator inferred from the article."""
    practice = str(inst.tail).removeprefix("practice:")
    return inst.rule.startswith("brand_relations.") or any(
        cue in brand for cue in practice_lexicon().cues.get(practice, ()))


# An article's record of an edge keeps its first three quotes (records_builder.build_article):
# more premise pairs per head and practice than this change nothing but the time taken.
_PREMISE_PAIRS = 8


def party_led(ctx: ArticleContext, relations: list[RelMention]) -> list[RelMention]:
    """A party body leads a union (PARTY_BUILDING) → the union ADOPTS party-led union building;
    when the evidence is a shared post (主席由党委副书记兼任) the practice is cross-appointment
    instead, unless the sentence also says the party leads."""
    out = []
    for r in relations:
        if r.type != PARTY_BUILDING or not isinstance(r.tail, Mention) or r.tail.type != UNION:
            continue
        quote = ctx.text[r.start:r.end]
        cross = bool(_CROSS_WORDS.search(quote))
        if cross:
            out.append(_edge(ADOPTS, r.tail, CROSS_APPOINTMENT, (r,), "cross-appointment"))
        if not cross or _LEAD_WORDS.search(_CROSS_WORDS.sub("", quote)):
            out.append(_edge(ADOPTS, r.tail, PARTY_LED, (r,), "party-led"))
    return out


def cross_appointment(relations: list[RelMention]) -> list[RelMention]:
    """One person holds a post in a party body and is a union's chair → that union ADOPTS
    cross-appointment (the union chair and the party post are held together)."""
    posts: dict[str, list[RelMention]] = {}
    for r in relations:
        if r.type == HOLDS_POSITION and isinstance(r.head, Mention) and isinstance(r.tail, Mention):
            posts.setdefault(r.head.name, []).append(r)
    out = []
    for held in posts.values():
        party = [r for r in held if isinstance(r.tail, Mention) and r.tail.type == PARTY]
        if not party:
            continue
        for r in held:
            title = str(r.props.get("title", ""))
            if isinstance(r.tail, Mention) and r.tail.type == UNION and "主席" in title and "副" not in title:
                out.append(_edge(ADOPTS, r.tail, CROSS_APPOINTMENT, (party[0], r), "cross-appointment"))
    return out


def formation(ctx: ArticleContext, mentions: list[Mention], relations: list[RelMention]) -> list[RelMention]:
    """A 联合工会/工会联合会 that covers a named carrier, an industry one (…行业工会联合会) the
    text reports founding, or any joint union whose founding the text reports (extract/founding),
    ADOPTS joint-union-formation, and so does the union that led that founding; a …工会联盟
    ADOPTS union-alliance. The year is the union's founding year (one stated with the founding
    word that founds it, else one its founding sentence states)."""
    founded = foundings(ctx, mentions, joint_forms(), union_form)
    founding_of = {f.union.name: f for f in founded}

    def joint_year(m: Mention) -> int | None:
        year = founding_year(ctx, mentions, m, by_form_word=False)
        found = founding_of.get(m.name)
        return year if year is not None or found is None else stated_year(ctx, found.sentence, found.verb)

    out = []
    covering = {r.head.name: r for r in relations
                if r.type == COVERS and isinstance(r.head, Mention) and union_form(r.head) in joint_forms()}
    done: set[str] = set()
    for name, r in covering.items():
        if isinstance(r.head, Mention):
            out.append(_edge(ADOPTS, r.head, JOINT_FORMATION, (r,), "formation", year=joint_year(r.head)))
            done.add(name)
    for m in mentions:
        if m.drop or not m.name or m.name in done:
            continue
        if m.type == UNION and union_form(m) in joint_forms() and "行业" in m.name:
            sentence = ctx.sentence_at(m.start)
            if founded_in(sentence.text) and not is_plan(ctx, sentence, m.start):
                out.append(_mention_edge(ctx, m, JOINT_FORMATION, "formation", year=joint_year(m)))
                done.add(m.name)
        elif m.type in (UNION, ALLIANCE) and union_form(m) in alliance_forms():
            out.append(_mention_edge(ctx, m, UNION_ALLIANCE, "alliance",
                                     year=founding_year(ctx, mentions, m, alliance=True)))
            done.add(m.name)
    for found in founded:
        for m, rule in ((found.union, "formation"), *((x, "formation-leader") for x in found.leaders)):
            if m.name not in done:
                year = joint_year(m) if rule == "formation" else stated_year(ctx, found.sentence, found.verb)
                out.append(_mention_edge(ctx, m, JOINT_FORMATION, rule, year=year))
                done.add(m.name)
    return out


@functools.cache
def _alliance_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    rules = practice_rules()
    return (re.compile(alternation(rules.get("alliance_joining", []))),
            re.compile(alternation(rules.get("not_union_alliances", []))))


def alliance_members(ctx: ArticleContext, mentions: list[Mention]) -> list[RelMention]:
    """Unions a sentence lists as founding or joining an alliance (`X、Y和Z结成联盟`, `由X、Y…组成的
    这一联盟`, `X牵头，联合Y、Z共同发起`) each ADOPTS union-alliance; a union that only guides
    (`在X指导下`) or the alliance itself does not, nor do members of a volunteers' 联盟."""
    joining, other_kind = _alliance_words()
    index = index_of(mentions)
    alliance = next((m for m in mentions if m.type in (UNION, ALLIANCE) and union_form(m) in alliance_forms()), None)
    founded = founding_year(ctx, mentions, alliance, alliance=True) if alliance is not None else None
    out = []
    for sentence in ctx.sentences:
        text = sentence.text
        if "联盟" not in text or not joining.search(text) or other_kind.search(text):
            continue
        for m in index.starting_in(sentence.start, sentence.end):
            if m.type != UNION or m.drop or not m.name or union_form(m) in alliance_forms():
                continue
            if is_guide(ctx, m, sentence) or is_plan(ctx, sentence, m.start):
                continue
            out.append(_mention_edge(ctx, m, UNION_ALLIANCE, "alliance-members",
                                     year=stated_year(ctx, sentence, m.start) or founded))
    return out


def _mention_edge(ctx: ArticleContext, m: Mention, tail: str, rule: str, **props: object) -> RelMention:
    """An edge inferred from one mention: its sentence is the evidence."""
    sentence = ctx.sentence_at(m.start)
    return RelMention(ADOPTS if tail.startswith("practice:") else PARTICIPATES_IN, m, tail,
                      min(sentence.start, m.start), max(sentence.end, m.end),
                      {k: v for k, v in props.items() if v not in (None, "")}, m.surface, "",
                      f"inference.{rule}")


@functools.lru_cache(maxsize=32)
def page_programme(doc_text: str, date: str) -> tuple[str, str, int | None] | None:
    """(programme id, level, year) of a programme the page presents as an event whose entrants
    it lists (第三届全省…展评活动在…举行), or None. The year is the one stated with it, else the
    page's own year (the page reports the event as it happens)."""
    lex = program_lexicon()
    for sentence in re.split(r"[。！？；\n]", doc_text):
        for start, end, cue in lex.find(sentence):
            rest = sentence[:start] + sentence[end:]  # the marker must not be the cue's own word
            if not _EVENT.search(rest) or re.search(r"(将|拟|计划|下一步)", sentence[:start]):
                continue
            window = sentence[max(0, start - 16):end]
            level = _LEVEL.search(window)
            year = _YEAR.search(window) or _YEAR.search(sentence)
            fallback = int(date[:4]) if date[:4].isdigit() else None
            pid = lex.by_cue[cue][0]
            return pid, _LEVELS[level.group(1)] if level else "", int(year.group(1)) if year else fallback
    return None


def programme_entrants(ctx: ArticleContext, mentions: list[Mention]) -> list[RelMention]:
    """A winners' list entry or a project blurb (segmenter kinds `entry`/`blurb`) on a page whose
    lead names a programme held as an event → the listed unit PARTICIPATES_IN that programme."""
    article = ctx.article
    if article.kind not in ENTRANT_KINDS or not article.unit:
        return []
    found = page_programme(ctx.ndoc.text, article.date)
    if found is None:
        return []
    pid, level, year = found
    unit = next((m for m in mentions if m.type in (UNION, ALLIANCE) and not m.drop and m.name
                 and article.unit in (m.surface, m.name)), None)
    if unit is None:
        return []  # the listed unit is not recognised: the article's other unions did not enter
    return [_mention_edge(ctx, unit, f"program:{pid}", "programme-entrants", level=level, year=year)]


def infer(ctx: ArticleContext, mentions: list[Mention], relations: list[RelMention]) -> list[RelMention]:
    """Every inference rule over the article's extracted relations (run after the families)."""
    return [
        *brand_adopts(ctx, mentions, relations),
        *party_led(ctx, relations),
        *cross_appointment(relations),
        *formation(ctx, mentions, relations),
        *alliance_members(ctx, mentions),
        *programme_entrants(ctx, mentions),
    ]
