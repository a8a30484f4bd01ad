"""OPERATES (organisation → brand) and INSTANCE_OF (brand → practice).

Why: a brand is run by the organisation that launches it — the union named before it in the
sentence, else a 团委/管委会 opening the sentence, else the union the article is about — unless
the sentence only *uses* someone else's platform (运用“杭工e家”APP, 依托“某某e家”平台) or plans it.
What a brand is an instance of comes from its name (书屋 → workers-library, 说法 → legal-aid), the
venue noun glued to it (“东方e家”党群服务中心) and what the text calls the list it stands in
(…等品牌志愿者队伍 → volunteer-service), with the more specific reading winning: a 党群/群团 venue
is a party-mass service centre, not a rest station; a 热线 a rights hotline, not legal aid.
"""

from __future__ import annotations

import bisect
import functools
import re

from graph_loader.extract.actors import actor, is_plan, relate
from graph_loader.extract.base import Mention, RelMention
from graph_loader.extract.brand_context import definer_start
from graph_loader.extract.brands import instance_hints
from graph_loader.extract.context import ArticleContext
from graph_loader.extract.mention_index import index_of
from graph_loader.reference.charclass import CJK
from graph_loader.reference.lexicon import (
    BRAND,
    INSTANCE_OF,
    OPERATES,
    ORGANIZATION_TYPES,
    PERSON,
    alternation,
    brand_grammar,
    practice_lexicon,
)

_USE_VERB = re.compile(r"(运用|利用|借助|使用|依托|下载|关注|注册|整合(?!成))[了好]?$")
_PLATFORM_AFTER = ("APP", "公众号", "微信公众号", "小程序", "平台", "栏目", "专栏")


@functools.cache
def _overrides() -> list[tuple[re.Pattern[str], set[str], str]]:
    """(name pattern, practices it replaces, practice it gives) from brands.yaml."""
    return [(re.compile(o["pattern"]), set(o.get("replaces", [])), o["gives"])
            for o in brand_grammar().get("instance_overrides", [])]


def brand_practices(brand: Mention, text: str = "") -> dict[str, str]:
    """Practice id → the words that show it, for one brand mention (see module docstring); `text`,
    when given, is the article, to read the noun phrase glued after the brand."""
    lex = practice_lexicon()
    name = brand.name or brand.surface
    after = brand.props.get("after", "")
    glue = re.match(rf"[{CJK}A-Za-z]{{0,8}}?(服务中心|服务站|驿站|之家|平台|公众号|APP)", after)
    medium = _medium(text[brand.end:brand.end + 24] if text else after)
    found: dict[str, str] = {}
    for _s, _e, cue in lex.find(name + (glue.group(0) if glue else "")):
        for pid in lex.by_cue[cue]:
            found.setdefault(pid, cue)
    for word, pid in instance_hints().items():
        if word in brand.props.get("kind", name):  # a place-named venue: its kind, not 红色环卫之家
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
    if text:
        for pid, word in _framed(text, brand, name).items():
            found.setdefault(pid, word)
    named = name + (glue.group(0) if glue else "")
    for pattern, replaces, gives in _overrides():
        if pattern.search(named):
            for pid in replaces:
                found.pop(pid, None)
            found.setdefault(gives, pattern.pattern)
    return _by_medium(found, medium)


_GLOSS = re.compile(rf"[”\s]?[{CJK}A-Za-z]{{0,6}}?[（(]([^）)\n]{{2,12}})[）)]")


@functools.cache
def _team_re() -> re.Pattern[str]:
    members = alternation(brand_grammar()["team_members"])
    return re.compile(rf"({members})[^，,。；;“”\n]{{0,4}}组成的?[“\"「『]?$")


def _framed(text: str, brand: Mention, name: str) -> dict[str, str]:
    """Practices that the words framing a brand give: a gloss in brackets right after it
    (“X”体验馆（女职工维权室）→ legal-aid), and, for a team, who it is made of
    (由32名职工志愿者组成的“X”服务队 → volunteer-service; 劳模工匠组成“X” → expert-service-team)."""
    lex = practice_lexicon()
    found: dict[str, str] = {}
    gloss = _GLOSS.match(text, brand.end, brand.end + 24)
    if gloss:
        words = gloss.group(1)
        for _s, _e, cue in lex.find(words):
            for pid in lex.by_cue[cue]:
                found.setdefault(pid, cue)
        for word, pid in instance_hints().items():
            if word in words:
                found.setdefault(pid, word)
    team = re.search(r"[团队]$", name + "|" + brand.surface) or \
        re.match(r"[”\s]?[^，,。；;\n]{0,4}?[团队]", text[brand.end:brand.end + 6])
    made = _team_re().search(text, max(0, brand.start - 20), brand.start) if team else None
    if made:
        found.setdefault(brand_grammar()["team_members"][made.group(1)], made.group(1))
    return found


@functools.cache
def _medium_re() -> re.Pattern[str]:
    heads = alternation(brand_grammar()["medium_heads"])
    return re.compile(rf"[”\s]?(?:(?![的和与及等是为在])[{CJK}A-Za-z]){{0,12}}?({heads})")


def _medium(after: str) -> str:
    """What the noun phrase glued after a brand says it is: 'digital' (“X”数字服务平台, “X”群团微信群,
    “X”知名农特产品线上销售平台), 'venue' (“X”党群服务中心) or ''."""
    g = brand_grammar()
    head = _medium_re().match(after)
    if not head:
        return ""
    if any(w in head.group(0) for w in g["digital_medium_words"]):
        return "digital"
    return "venue" if head.group(1) in g["venue_medium_heads"] else ""


def _by_medium(found: dict[str, str], medium: str) -> dict[str, str]:
    """A brand the text calls an online medium is a digital platform and not a physical venue
    (gold-format: a WeChat account called “…驿” is not a rest station); one it calls a physical
    centre is not a digital platform, whatever its name (“东方e家”党群服务中心)."""
    physical = set(brand_grammar()["physical_practices"])
    if medium == "digital":
        found = {pid: w for pid, w in found.items() if pid not in physical}
        found.setdefault("digital-union-platform", "medium")
    elif medium == "venue":
        found.pop("digital-union-platform", None)
    return found


# the brand is the subject of what follows: “亲青筹”开展社区义卖, “X”作用,以…, “X”为职工提供…,
# “X”APP推出…, “X”，累计帮扶…
_DOES_VERBS = ("开展|提供|组织|帮助|负责|作用|主要|已|累计|先后|共|让|使|帮|为|把|给|[：:]|可|配有|设有"
               "|推出|开通|实现|吸收|按|定期|每月|每周|常年")
_DEICTIC = re.compile(r"在这里|在此|这里")


@functools.cache
def _does_re() -> re.Pattern[str]:
    """The brand as the subject of what follows, maybe past its glued medium and a comma; or a
    description word right after it (“X”，热饭、给手机充电)."""
    hints = alternation(brand_grammar().get("description_hints", {}))
    return re.compile(rf"^[”\s]{{0,2}}(?:[{CJK}A-Za-z\s]{{0,7}}?(?:服务中心|服务站|驿站|平台|队|APP|小程序|公众号))?"
                      rf"[，,]?(?:{_DOES_VERBS}|{hints})")


_CLAUSE_END = re.compile(r"[。；;！？!?]|\n")


def _description_end(text: str, pos: int, limit: int) -> int:
    """End of the sentence after pos, at most `limit`: a stop mark, a blank line or the line break
    after a short (heading) line; a long line broken by the PDF layout (数字服务平\n台) goes on."""
    while (stop := _CLAUSE_END.search(text, pos, limit)) is not None:
        if stop.group(0) != "\n":
            return stop.start()
        line_start = text.rfind("\n", 0, stop.start()) + 1
        if text[stop.end():stop.end() + 1] in ("\n", "") or stop.start() - line_start < 20:
            return stop.start()
        pos = stop.end()
    return limit


def described_practices(ctx: ArticleContext, mentions: list[Mention],
                        brand: Mention) -> tuple[dict[str, tuple[int, int, str]], str]:
    """Practice id → cue span, from what the sentence says the brand does right after its name
    (“亲青筹”开展社区义卖 → charity-fund; 发挥“慧谷赋能站”作用,以…技能培训 → skills-training;
    “X”数字服务平台，把入会…搬上云端), up to the end of the sentence, the next brand or 40
    characters; with the rule's name (after a comma it is a rule of its own)."""
    text = ctx.text
    end = _description_end(text, brand.end, min(len(text), brand.end + 40))
    nxt = [m.start for m in index_of(mentions).starting_in(brand.end, end, (BRAND,)) if m is not brand]
    if nxt:
        end = min(nxt)
    rule, brand_end = "brand_relations.described", brand.end
    does = _does_re().match(text[brand.end:end].replace("\n", ""))  # a PDF line break inside 平\n台
    here = _DEICTIC.search(text, brand.end, end)
    if not does and not here:
        return {}, rule
    if not does and here:  # “X”，目前已有15家，快递小哥在这里能歇脚: 'here' is the venue
        rule, brand_end = "brand_relations.described-here", here.end()
    elif re.search(r"[，,]", does.group(0)):
        rule = "brand_relations.described-after-comma"
    return _cues_in(text, brand_end, end), rule


def _cues_in(text: str, start: int, end: int) -> dict[str, tuple[int, int, str]]:
    """Practice id → first cue span in text[start:end], from the practice cues and the
    description words of brands.yaml, in text order."""
    lex = practice_lexicon()
    hits = [(s, e, pid) for s, e, cue in lex.find(text[start:end]) for pid in lex.by_cue[cue]]
    for word, pid in brand_grammar().get("description_hints", {}).items():
        at = text.find(word, start, end)
        if at >= 0:
            hits.append((at - start, at - start + len(word), pid))
    skip = set(brand_grammar().get("description_skip", []))
    found: dict[str, tuple[int, int, str]] = {}
    for s, e, pid in sorted(hits):
        if pid not in skip:
            found.setdefault(pid, (start + s, start + e, text[start + s:start + e]))
    return found


def _only_used(ctx: ArticleContext, mentions: list[Mention], brand: Mention) -> bool:
    """运用“杭工e家”APP: the clause uses a platform that another body runs."""
    sentence = ctx.sentence_at(brand.start)
    start = max(sentence.start, brand.start - 40)
    clause = re.split(r"[，,。；;]", ctx.text[start:brand.start])[-1]
    for other in index_of(mentions).starting_in(brand.start - len(clause), brand.start, (BRAND,)):
        if other is not brand and other.surface in clause:
            clause = clause.replace(other.surface, "")
    clause = re.sub(r"“[^“”]*”|[“”、\s]|APP", "", clause)  # 利用好“智慧工会”“杭工e家”: other quotes too
    return bool(_USE_VERB.search(clause))


# X的“Y”, X开发的“Y”, X推出的Y: the organisation right before is the brand's owner
_OWNER_VERB = "开发|推出|打造|建设|建成|创办|设立|开设|运营|主办|培育|组建"
_OWNER_GAP = re.compile(rf"^\s*(?:(?:(?:自主|联合|牵头)?(?:{_OWNER_VERB})(?:了)?)?的)?[“\"「『]?$")


def owner(mentions: list[Mention], brand: Mention, text: str) -> Mention | None:
    """The organisation that a possessive names as the brand's owner (青禾软件工会的“青禾书吧”,
    管委会开发的“薪安码”, 团市委“青春上海”), or None."""
    best = None
    index = index_of(mentions)  # the mentions ending in [brand.start - 12, brand.start], in list order
    for m in index.in_source_order(index.starting_in(brand.start - 12 - index.longest, brand.start + 1)):
        if m.type in (BRAND, PERSON) or m.drop or not m.name or not brand.start - 12 <= m.end <= brand.start:
            continue
        if _OWNER_GAP.match(text[m.end:brand.start]) and (best is None or m.end > best.end):
            best = m
    if best is None:
        return _short_owner(mentions, brand, text) or _definer(mentions, brand, text)
    return best if best.type in ORGANIZATION_TYPES else None


def _definer(mentions: list[Mention], brand: Mention, text: str) -> Mention | None:
    """“X”是<Y>推出的…品牌: the body the definition names right after 是 owns the brand."""
    at = definer_start(text, brand.end)
    return next((m for m in index_of(mentions).starting_in(at, at + 1, ORGANIZATION_TYPES)
                 if not m.drop and m.name), None) if at >= 0 else None


@functools.cache
def _owner_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    g = brand_grammar()
    gap = rf"(?:(?:{_OWNER_VERB})了?)?的[“\"「『]?$"
    short = re.compile(rf"([{CJK}A-Za-z]{{2,8}}?)({alternation(g['owner_short_heads'])}){gap}")
    pronoun = re.compile(rf"(?:{alternation(g['owner_pronouns'])}){gap}")
    return short, pronoun


def _short_owner(mentions: list[Mention], brand: Mention, text: str) -> Mention | None:
    """The owner named by a short form the organisation finder did not take (青禾软件工会的“X”, for
    青禾软件有限公司工会 named earlier), or by a pronoun (由管委会牵头，他们开发的“X”): the one
    organisation of the article whose name holds the short form's core, or the last organisation
    named before the pronoun in the sentence."""
    short_re, pronoun_re = _owner_res()
    before = text[max(0, brand.start - 16):brand.start]
    if (short := short_re.search(before)) is not None:  # rare: only then are all the orgs read
        core, head = short.group(1), short.group(2)
        found = {m.name: m for m in mentions if m.type in ORGANIZATION_TYPES and not m.drop and m.name
                 and m.start < brand.start and core in m.name and m.name.endswith(head)}
        return next(iter(found.values())) if len(found) == 1 else None
    if pronoun_re.search(before):
        clause_start = max(text.rfind(stop, 0, brand.start) for stop in "。；;\n") + 1
        near = [m for m in index_of(mentions).starting_in(clause_start, brand.start, ORGANIZATION_TYPES)
                if not m.drop and m.name]
        return max(near, key=lambda m: m.end) if near else None
    return None


@functools.cache
def _mention_re() -> re.Pattern[str]:
    return re.compile(alternation(brand_grammar()["mention_only_verbs"]))


def _runs(ctx: ArticleContext, mentions: list[Mention], doer: Mention, brand: Mention, sentence) -> bool:
    """Whether the sentence lets the doer be the brand's operator: it names the doer, or its clause
    does not merely visit, discuss or extend the brand (走进“X”职工服务阵地, 针对X热线进行培训,
    延伸拓展街道“X”品牌, 在“X”的基础上推出): a brand only mentioned in a union's article is not
    the union's."""
    same = index_of(mentions).same_entity(doer)  # in text order: a bisect, not a scan per brand
    k = bisect.bisect_left(same, sentence.start, key=lambda m: m.start)
    if k < len(same) and same[k].start < sentence.end:
        return True
    clause = re.split(r"[，,。；;：:]", ctx.text[max(sentence.start, brand.start - 30):brand.start])[-1]
    return not _mention_re().search(clause) and \
        not re.match(r"[”\s]*的?基础上", ctx.text[brand.end:brand.end + 8])


@functools.cache
def _built_re() -> re.Pattern[str]:
    return re.compile(rf"(?:{alternation(brand_grammar()['before_verbs'])})了?$")


def _built(text: str, brand: Mention) -> bool:
    """A launch or build verb right before the brand (建成杭州市职工服务中心)."""
    return _built_re().search(text, max(0, brand.start - 6), brand.start) is not None


def brand_relations(ctx: ArticleContext, mentions: list[Mention]) -> list[RelMention]:
    out: list[RelMention] = []
    for brand in (m for m in mentions if m.type == BRAND and not m.drop):
        sentence = ctx.sentence_at(brand.start)
        named = brand_practices(brand, ctx.text)
        placed = bool(brand.props.get("placed"))
        described, rule = ({}, "") if placed else described_practices(ctx, mentions, brand)
        new = [(pid, cue) for pid, cue in described.items() if pid not in named][:1]
        for pid in named:
            cue = (brand.start, brand.end, brand.surface)
            out.append(relate(ctx, mentions, INSTANCE_OF, brand, f"practice:{pid}", sentence, cue))
        for pid, cue in new:
            # the first thing the description says beyond the name is what the brand is for
            out.append(relate(ctx, mentions, INSTANCE_OF, brand, f"practice:{pid}", sentence, cue, rule=rule))
        if is_plan(ctx, sentence, brand.start):
            continue
        named_owner = owner(mentions, brand, ctx.text)
        if named_owner is not None:
            out.append(relate(ctx, mentions, OPERATES, named_owner, brand, sentence, rule="brand_relations.owner"))
            continue
        if _only_used(ctx, mentions, brand):
            continue
        if placed and not _built(ctx.text, brand):
            continue  # 在凤凰社区幸福驿站开展…: where the doer acts, not what it runs
        doer = actor(ctx, mentions, sentence, brand.start)
        if doer is not None and doer.type != PERSON and _runs(ctx, mentions, doer, brand, sentence):
            out.append(relate(ctx, mentions, OPERATES, doer, brand, sentence))
    return out
