"""RECEIVED, ORGANIZED, HELD_IN, ISSUED, PARTNERS_WITH and MEMBER_OF (unscored relation types).

Why sentence-local rules: each is stated in one clause — X荣获“…” (RECEIVED, year when dated),
X召开/主办 <event> and 在<place>举行 (ORGANIZED, HELD_IN), X印发《…》 (ISSUED), X与Y共建 / X会同Y
(PARTNERS_WITH), X、Y与Z建立了“…联盟” / X加入…联盟 (MEMBER_OF). Plans (将, 计划) give nothing.
"""

from __future__ import annotations

import functools
import re

from graph_loader.extract.actors import actor, is_plan, orgs_in, relate
from graph_loader.extract.base import Mention, RelMention
from graph_loader.extract.context import ArticleContext
from graph_loader.extract.events import grammar
from graph_loader.reference.lexicon import (
    ADMIN_AREA,
    ALLIANCE,
    CARRIER,
    ENTERPRISE,
    EVENT,
    GOVERNMENT,
    HELD_IN,
    HONOR,
    ISSUED,
    MASS,
    MEMBER_OF,
    ORGANIZED,
    PARTNERS_WITH,
    PARTY,
    POLICY,
    RECEIVED,
    UNION,
)
from graph_loader.text.dates import parse_date, stated_date

ACTORS = (UNION, PARTY, MASS, GOVERNMENT, ENTERPRISE)


@functools.cache
def _words(key: str) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in sorted(grammar()[key], key=len, reverse=True)))


def _of(mentions: list[Mention], etype: str) -> list[Mention]:
    return [m for m in mentions if m.type == etype and m.name and not m.drop]


def _year(ctx: ArticleContext, sentence_text: str, pos: int) -> int | None:
    date = stated_date(sentence_text, pos, ctx.article.date)
    return int(date.value[:4]) if date else None


def honours(ctx: ArticleContext, mentions: list[Mention]) -> list[RelMention]:
    out = []
    for honor in _of(mentions, HONOR):
        sentence = ctx.sentence_at(honor.start)
        if is_plan(ctx, sentence, honor.start):
            continue
        before = orgs_in(mentions, sentence.start, honor.start, ACTORS + (CARRIER,))
        # the nearest body before the title (a carrier inside a union's name is not a holder)
        before = [m for m in before
                  if not any(o is not m and o.start <= m.start and m.end <= o.end for o in before)]
        holder = before[-1] if before else actor(ctx, mentions, sentence, honor.start)
        if holder is None:
            continue
        out.append(relate(ctx, mentions, RECEIVED, holder, honor, sentence,
                          year=_year(ctx, sentence.text, honor.start - sentence.start)))
    return out


def events(ctx: ArticleContext, mentions: list[Mention]) -> list[RelMention]:
    out = []
    places = _of(mentions, ADMIN_AREA) + _of(mentions, CARRIER)
    for event in _of(mentions, EVENT):
        sentence = ctx.sentence_at(event.start)
        phrase = event.props.get("date_phrase", "")
        if phrase and "date" not in event.props:
            event.props["date"] = parse_date(phrase, ctx.article.date)
        text = ctx.text
        for org in orgs_in(mentions, sentence.start, sentence.end, ACTORS):
            after = text[org.end:min(sentence.end, org.end + 8)]
            before = text[max(sentence.start, org.start - 2):org.start]
            hosts = re.match(r"^.{0,6}?(主办|承办|协办)", after)
            if _words("organize_verbs").match(after.lstrip("在于")) or hosts or before.endswith("由"):
                out.append(relate(ctx, mentions, ORGANIZED, org, event, sentence))
        for m in re.finditer(r"在", sentence.text):
            pos = sentence.start + m.end()
            at = [p for p in places if p.start == pos]
            tail = text[pos:sentence.end]
            if at and re.match(r"^[^，,。；]{0,14}?(举行|召开|举办|开幕|启动)", tail):
                out.append(relate(ctx, mentions, HELD_IN, event, max(at, key=lambda p: p.end), sentence))
                break
    return out


def policies(ctx: ArticleContext, mentions: list[Mention]) -> list[RelMention]:
    out = []
    for doc in _of(mentions, POLICY):
        sentence = ctx.sentence_at(doc.start)
        verb = None
        for m in _words("issue_verbs").finditer(ctx.text, sentence.start, doc.start):
            verb = m
        if verb is None or is_plan(ctx, sentence, verb.start()):
            continue
        issuers = orgs_in(mentions, sentence.start, verb.start(), ACTORS)
        issuer = issuers[-1] if issuers else actor(ctx, mentions, sentence, verb.start())
        if issuer is not None:
            out.append(relate(ctx, mentions, ISSUED, issuer, doc, sentence))
    return out


def partners(ctx: ArticleContext, mentions: list[Mention]) -> list[RelMention]:
    out = []
    joins = _words("partner_joins")
    for sentence in ctx.sentences:
        orgs = orgs_in(mentions, sentence.start, sentence.end, ACTORS)
        if len(orgs) < 2 or not _words("partner_cues").search(sentence.text):
            continue
        for a, b in zip(orgs, orgs[1:], strict=False):
            between = ctx.text[a.end:b.start]
            if a.name == b.name or not joins.fullmatch(between) or is_plan(ctx, sentence, a.start):
                continue
            rest = ctx.text[b.end:sentence.end]
            if between in {"与", "和"} and not _words("partner_cues").match(rest.lstrip("共同一起")[:4]) and \
                    not re.match(r"^.{0,4}(共建|联建|结对|合作|签订|签约|携手|联合|协办)", rest):
                continue
            out.append(relate(ctx, mentions, PARTNERS_WITH, a, b, sentence))
    return out


def memberships(ctx: ArticleContext, mentions: list[Mention]) -> list[RelMention]:
    out = []
    for alliance in _of(mentions, ALLIANCE):
        sentence = ctx.sentence_at(alliance.start)
        head = ctx.text[sentence.start:alliance.start]
        if not _words("member_cues").search(head) or is_plan(ctx, sentence, alliance.start):
            continue
        for org in orgs_in(mentions, sentence.start, alliance.start, ACTORS)[-4:]:
            out.append(relate(ctx, mentions, MEMBER_OF, org, alliance, sentence))
    return out
