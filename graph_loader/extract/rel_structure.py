"""COVERS, PARTY_BUILDING and SUB_ORGANIZATION_OF between organisations and carriers.

Why: a regional union's name usually embeds the carrier it serves (梦想小镇工会联合会 covers
梦想小镇), so COVERS comes from the name first and from 涵盖/覆盖 sentences second; party
leadership is a party mention plus a leadership cue in one sentence.
"""

from __future__ import annotations

import functools
import re

from graph_loader.extract.actors import nearest_surface, orgs_in, relate
from graph_loader.extract.base import Mention, RelMention, Sentence
from graph_loader.extract.context import ArticleContext
from graph_loader.extract.mention_index import index_of, live, within
from graph_loader.extract.rel_people import ref_body
from graph_loader.reference.charclass import CJK_CLASS
from graph_loader.reference.lexicon import (
    CARRIER,
    COVERS,
    PARTY,
    PARTY_BUILDING,
    SUB_ORGANIZATION_OF,
    UNION,
    alternation,
    carrier_grammar,
    org_grammar,
    practice_rules,
    short_union_suffixes,
    union_suffixes,
)

_SUB = re.compile(r"(下辖|下设|下属|所属|隶属于|隶属)")


@functools.cache
def _pb_re() -> re.Pattern[str]:
    cues = list(practice_rules()["party_building_cues"]) + list(org_grammar().get("party_building_extra_cues", []))
    return re.compile("|".join(map(re.escape, sorted(set(cues), key=len, reverse=True))))


def covers(ctx: ArticleContext, mentions: list[Mention]) -> list[RelMention]:
    out: list[RelMention] = []
    index = index_of(mentions)
    for union in (m for m in mentions if m.type == UNION and m.name and not m.drop):
        if union.name.endswith("联盟"):
            continue  # a union alliance (…楼宇工会联盟) joins unions; it covers no carrier
        # the named carriers inside the union's name (a bisect, not a scan), in list order
        for carrier in index.in_source_order(within(mentions, union.start, union.end, (CARRIER,))):
            if carrier.name and not _part_re().match(ctx.text[carrier.end:union.end]):
                out.append(relate(ctx, mentions, COVERS, union, carrier, ctx.sentence_at(union.start)))
    out += _covers_by_name(ctx, mentions)
    main = ctx.main_union
    if main is not None and ctx.main_carrier is not None and main.props.get("level") == "carrier":
        sentence = ctx.sentence_at(ctx.main_carrier.start)
        out.append(relate(ctx, mentions, COVERS, main, ctx.main_carrier, sentence))
    return out + _covers_by_cue(ctx, mentions)


@functools.cache
def _union_tail_re() -> re.Pattern[str]:
    """What may follow a carrier's name in the name of a union that covers it: an infix
    (楼宇, 管委会) and a union suffix; an alliance (…工会联盟) covers nothing."""
    suffixes = [w for w in union_suffixes() if not w.endswith("联盟")]
    return re.compile(rf"^(?:{alternation(carrier_grammar()['union_name_infixes'])})?(?:{alternation(suffixes)})$")


@functools.cache
def _part_re() -> re.Pattern[str]:
    return re.compile(rf"^{CJK_CLASS}{{0,6}}?(?:{alternation(carrier_grammar()['part_words'])})")




def _covers_by_name(ctx: ArticleContext, mentions: list[Mention]) -> list[RelMention]:
    """A union written short (开发区总工会, 楼宇工会联合会) whose canonical name is a carrier's
    canonical name plus a union word covers that carrier, as the full name would say."""
    carriers: dict[str, Mention] = {}
    for m in mentions:
        if m.type == CARRIER and m.name and not m.drop:
            carriers.setdefault(m.name, m)
    out: list[RelMention] = []
    done: set[tuple[str, str]] = set()
    for union in (m for m in mentions if m.type == UNION and m.name and not m.drop):
        if union.props.get("level") != "carrier" or any(c.name in union.surface for c in carriers.values()):
            continue
        for name, carrier in carriers.items():
            if (union.name, name) not in done and union.name.startswith(name) and \
                    _union_tail_re().match(union.name[len(name):]):
                done.add((union.name, name))
                out.append(relate(ctx, mentions, COVERS, union, carrier, ctx.sentence_at(union.start),
                                  rule="structure.covers-name"))
    return out


@functools.cache
def _covers_re() -> re.Pattern[str]:
    cues = list(practice_rules()["covers_cues"]) + list(org_grammar().get("covers_extra_cues", []))
    return re.compile("|".join(map(re.escape, sorted(set(cues), key=len, reverse=True))))


def _covers_by_cue(ctx: ArticleContext, mentions: list[Mention]) -> list[RelMention]:
    """X联合工会以A大厦为中心，涵盖B园、C大厦等楼宇: the first union of a sentence with a covers
    cue covers the carriers named after it in that sentence (not those inside a union's name,
    which the name rule has). A sentence without a union gives nothing: the cue alone does not
    say whose coverage it is."""
    out: list[RelMention] = []
    for sentence in ctx.sentences:
        if not _covers_re().search(sentence.text):
            continue
        unions = orgs_in(mentions, sentence.start, sentence.end, (UNION,))
        if not unions:
            continue
        union = unions[0]
        for carrier in orgs_in(mentions, union.end, sentence.end, (CARRIER,)):
            if not any(u.start <= carrier.start and carrier.end <= u.end for u in unions):
                out.append(relate(ctx, mentions, COVERS, union, carrier, sentence, rule="structure.covers-cue"))
    return out


def party_building(ctx: ArticleContext, mentions: list[Mention]) -> list[RelMention]:
    out: list[RelMention] = []
    for sentence in ctx.sentences:
        # a province's committee leads every body there: it builds no particular union
        parties = [p for p in orgs_in(mentions, sentence.start, sentence.end, (PARTY,))
                   if not p.props.get("territorial")]
        if not parties:
            continue
        cued = _pb_re().search(sentence.text)
        if not cued and not _CROSS_POST.search(sentence.text):
            continue
        unions = orgs_in(mentions, sentence.start, sentence.end, (UNION,))
        target = unions[0] if unions else ctx.main_union
        if target is None:
            continue
        if not unions:  # the article's union, anchored at its surface form nearest the sentence
            anchor = nearest_surface(ctx, mentions, target, sentence.start)
            target = Mention(UNION, anchor.surface, anchor.start, anchor.end, dict(target.props), name=target.name)
        rule = "" if cued else "structure.party-cross-post"
        out.append(relate(ctx, mentions, PARTY_BUILDING, parties[0], target, sentence, rule=rule))
    return out


# A union chair's post held by a party officer (主席由园区党委副书记兼任, 书记…兼任工会主席): a
# shared post is party building even without a leadership word.
_CROSS_POST = re.compile(r"主\s*席\s*由[^，。；,;]{0,16}书\s*记[^，。；,;]{0,4}兼\s*任"
                         r"|书\s*记[^，。；,;]{0,6}兼\s*任[^，。；,;]{0,8}主\s*席")


_ANAPHOR = re.compile(r"(?:该|这个|这家|本)(" + alternation((*short_union_suffixes(), "联合会")) + ")")


def _union_refs(ctx: ArticleContext, mentions: list[Mention], sentence: Sentence) -> list[Mention]:
    """The sentence's unions in text order, with anaphors (该联合会) standing for the body they name."""
    unions = orgs_in(mentions, sentence.start, sentence.end, (UNION,))
    orgs = live(mentions, (UNION,))  # one list per article, so ref_body's tables are built once
    for m in _ANAPHOR.finditer(sentence.text):
        start, end = sentence.start + m.start(), sentence.start + m.end()
        if any(u.start < end and start < u.end for u in unions):
            continue
        ref = ref_body(ctx, orgs, m.group(1), start, end)
        if ref is not None:
            unions.append(Mention(ref.type, m.group(0), start, end, ref.props, name=ref.name))
    return sorted(unions, key=lambda u: u.start)


_NUMERALS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _counted_group(ctx: ArticleContext, mentions: list[Mention], sentence: Sentence, pos: int) -> list[Mention]:
    """A counted plural subject before 隶属 (两家楼宇联合工会均隶属…): the last that many unions
    named before the sentence whose names end as the subject does."""
    kinds = alternation(short_union_suffixes())
    counted = re.search(rf"([两二三四五六七八九\d])家({CJK_CLASS}{{0,4}}?(?:{kinds}))均?$",
                        ctx.text[sentence.start:pos])
    if not counted:
        return []
    n = _NUMERALS.get(counted.group(1)) or int(counted.group(1))
    kind = counted.group(2)
    found: dict[str, Mention] = {}
    for u in reversed(orgs_in(mentions, 0, sentence.start, (UNION,))):
        if u.name.endswith(kind) and u.name not in found:
            found[u.name] = u
    group = list(found.values())
    return group[:n] if len(group) >= n else []


def sub_organizations(ctx: ArticleContext, mentions: list[Mention]) -> list[RelMention]:
    """X下辖/下设 Y (Y child of X); Y隶属(于) X; X下属的Y, or <subject>是X下属的…: each cue takes the
    unions up to the next cue, and an anaphor (该联合会下设…) stands for the body it names."""
    out: list[RelMention] = []
    for sentence in ctx.sentences:
        cues = list(_SUB.finditer(sentence.text))
        if not cues:
            continue
        unions = _union_refs(ctx, mentions, sentence)
        for k, m in enumerate(cues):
            pos, cue_end = sentence.start + m.start(), sentence.start + m.end()
            limit = sentence.start + cues[k + 1].start() if k + 1 < len(cues) else sentence.end
            before = [u for u in unions if u.end <= pos]
            after = [u for u in unions if cue_end <= u.start < limit]
            if m.group(0).startswith("隶属"):
                group = _counted_group(ctx, mentions, sentence, pos)
                pairs = [(c, after[0]) for c in group] if group and after else \
                    [(before[-1], after[0])] if before and after else []
            elif not before:
                continue
            elif m.group(0) in ("下属", "所属"):
                clause = sentence.text.find("，", m.end())
                close = sentence.start + clause if clause >= 0 else limit
                named = [u for u in after if u.start < close]
                child = named[:1] or before[:1] if len(before) > 1 else named[:1] or after[:1]
                pairs = [(c, before[-1]) for c in child]
            else:
                pairs = [(c, before[-1]) for c in after]
            for child, parent in pairs:
                if child.name != parent.name:
                    rule = "structure.sub-" + ("anaphor" if child.surface.startswith(("该", "这", "本")) else "cue")
                    out.append(relate(ctx, mentions, SUB_ORGANIZATION_OF, child, parent, sentence, rule=rule))
    return out
