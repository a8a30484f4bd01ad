"""OPERATES (organisation → brand) and INSTANCE_OF (brand → practice).

Why: a brand is run by the organisation that launches it — the union named before it in the
sentence, else a 团委/管委会 opening the sentence, else the union the article is about — unless
the sentence only *uses* someone else's platform (运用“杭工e家”APP, 依托“云工益”平台) or plans it.
What a brand is an instance of comes from its name (书屋 → workers-library, 说法 → legal-aid), the
venue noun glued to it (“东方e家”党群服务中心) and what the text calls the list it stands in
(…等品牌志愿者队伍 → volunteer-service), with the more specific reading winning: a 党群/群团 venue
is a party-mass service centre, not a rest station; a 热线 a rights hotline, not legal aid.
"""

from __future__ import annotations

import functools
import re

from graph_loader.extract.actors import actor, is_plan, relate
from graph_loader.extract.base import Mention, RelMention
from graph_loader.extract.brands import instance_hints
from graph_loader.extract.context import ArticleContext
from graph_loader.reference.charclass import CJK, CJK_CLASS
from graph_loader.reference.lexicon import (
    BRAND,
    INSTANCE_OF,
    OPERATES,
    ORGANIZATION_TYPES,
    PERSON,
    brand_grammar,
    practice_lexicon,
)

_USE_VERB = re.compile(r"(运用|利用|借助|使用|依托|下载|关注|注册)[了好]?$")
_PLATFORM_AFTER = ("APP", "公众号", "微信公众号", "小程序", "平台", "栏目", "专栏")


@functools.cache
def _overrides() -> list[tuple[re.Pattern[str], set[str], str]]:
    """(name pattern, practices it replaces, practice it gives) from brands.yaml."""
    return [(re.compile(o["pattern"]), set(o.get("replaces", [])), o["gives"])
            for o in brand_grammar().get("instance_overrides", [])]


def brand_practices(brand: Mention) -> dict[str, str]:
    """Practice id → the words that show it, for one brand mention (see module docstring)."""
    lex = practice_lexicon()
    name = brand.name or brand.surface
    after = brand.props.get("after", "")
    glue = re.match(rf"[{CJK}A-Za-z]{{0,8}}?(服务中心|服务站|驿站|之家|平台|公众号|APP)", after)
    found: dict[str, str] = {}
    for _s, _e, cue in lex.find(name + (glue.group(0) if glue else "")):
        for pid in lex.by_cue[cue]:
            found.setdefault(pid, cue)
    for word, pid in instance_hints().items():
        if word in name:
            found.setdefault(pid, word)
    closing = brand.props.get("closing", "")
    for _s, _e, cue in lex.find(closing):
        for pid in lex.by_cue[cue]:
            found.setdefault(pid, cue)
    for word, pid in brand_grammar().get("closing_hints", {}).items():
        if word in closing:
            found.setdefault(pid, word)
    if after.upper().startswith("APP") or after.startswith(_PLATFORM_AFTER[1:4]):
        found.setdefault("digital-union-platform", after[:3])
    text = name + (glue.group(0) if glue else "")
    for pattern, replaces, gives in _overrides():
        if pattern.search(text):
            for pid in replaces:
                found.pop(pid, None)
            found.setdefault(gives, pattern.pattern)
    return found


# the brand is the subject of what follows: “亲青筹”开展社区义卖, “X”作用,以…, “X”为职工提供…
_DOES = re.compile(rf"^[”\s]{{0,2}}(?:{CJK_CLASS}{{0,6}}?(?:服务中心|服务站|驿站|平台|队))?"
                   r"(?:开展|提供|组织|帮助|负责|作用|主要|已|累计|先后|共|让|使|帮|为|把|给|[：:]|可|配有|设有)")
_CLAUSE_END = re.compile(r"[。；;！？!?\n]")


def described_practices(ctx: ArticleContext, mentions: list[Mention],
                        brand: Mention) -> dict[str, tuple[int, int, str]]:
    """Practice id → cue span, from what the sentence says the brand does right after its name
    (“亲青筹”开展社区义卖 → charity-fund; 发挥“慧谷赋能站”作用,以…技能培训 → skills-training),
    up to the end of the sentence, the next brand or 40 characters."""
    text = ctx.text
    end = min(len(text), brand.end + 40)
    stop = _CLAUSE_END.search(text, brand.end, end)
    if stop:
        end = stop.start()
    nxt = [m.start for m in mentions if m.type == BRAND and brand.end <= m.start < end and m is not brand]
    if nxt:
        end = min(nxt)
    if not _DOES.match(text[brand.end:end]):
        return {}
    lex = practice_lexicon()
    hits = [(s, e, pid) for s, e, cue in lex.find(text[brand.end:end]) for pid in lex.by_cue[cue]]
    for word, pid in brand_grammar().get("description_hints", {}).items():
        at = text.find(word, brand.end, end)
        if at >= 0:
            hits.append((at - brand.end, at - brand.end + len(word), pid))
    skip = set(brand_grammar().get("description_skip", []))
    found: dict[str, tuple[int, int, str]] = {}
    for s, e, pid in sorted(hits):
        if pid in skip:
            continue
        found.setdefault(pid, (brand.end + s, brand.end + e, text[brand.end + s:brand.end + e]))
    return found


def _only_used(ctx: ArticleContext, mentions: list[Mention], brand: Mention) -> bool:
    """运用“杭工e家”APP: the clause uses a platform that another body runs."""
    sentence = ctx.sentence_at(brand.start)
    start = max(sentence.start, brand.start - 40)
    clause = re.split(r"[，,。；;]", ctx.text[start:brand.start])[-1]
    for other in mentions:
        if other.type == BRAND and other is not brand and other.surface in clause:
            clause = clause.replace(other.surface, "")
    clause = re.sub(r"[“”、\s]|APP", "", clause)
    return bool(_USE_VERB.search(clause))


# X的“Y”, X开发的“Y”, X推出的Y: the organisation right before is the brand's owner
_OWNER_VERB = "开发|推出|打造|建设|建成|创办|设立|开设|运营|主办|培育|组建"
_OWNER_GAP = re.compile(rf"^\s*(?:(?:自主|联合|牵头)?(?:{_OWNER_VERB})(?:了)?)?的[“\"「『]?$")


def owner(mentions: list[Mention], brand: Mention, text: str) -> Mention | None:
    """The organisation that a possessive names as the brand's owner (泓川软件工会的“泓川书吧”,
    管委会开发的“薪安码”), or None."""
    best = None
    for m in mentions:
        if m.type in (BRAND, PERSON) or m.drop or not m.name or not brand.start - 12 <= m.end <= brand.start:
            continue
        if _OWNER_GAP.match(text[m.end:brand.start]) and (best is None or m.end > best.end):
            best = m
    return best if best is not None and best.type in ORGANIZATION_TYPES else None


def brand_relations(ctx: ArticleContext, mentions: list[Mention]) -> list[RelMention]:
    out: list[RelMention] = []
    for brand in (m for m in mentions if m.type == BRAND and not m.drop):
        sentence = ctx.sentence_at(brand.start)
        named = brand_practices(brand)
        for pid in named:
            cue = (brand.start, brand.end, brand.surface)
            out.append(relate(ctx, mentions, INSTANCE_OF, brand, f"practice:{pid}", sentence, cue))
        for pid, cue in list(described_practices(ctx, mentions, brand).items())[:1]:
            if pid not in named:  # the defining description says what the brand is for
                out.append(relate(ctx, mentions, INSTANCE_OF, brand, f"practice:{pid}", sentence, cue,
                                  rule="brand_relations.described"))
        if is_plan(ctx, sentence, brand.start):
            continue
        named_owner = owner(mentions, brand, ctx.text)
        if named_owner is not None:
            out.append(relate(ctx, mentions, OPERATES, named_owner, brand, sentence, rule="brand_relations.owner"))
            continue
        if _only_used(ctx, mentions, brand):
            continue
        doer = actor(ctx, mentions, sentence, brand.start)
        if doer is not None and doer.type != PERSON:
            out.append(relate(ctx, mentions, OPERATES, doer, brand, sentence))
    return out
