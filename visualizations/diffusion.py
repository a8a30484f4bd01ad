"""Diffusion views: a practice's adoption timeline (inline SVG) and the precedence network.

The timeline is plain HTML + SVG with inline CSS — no script, no CDN — so a saved page opens
offline anywhere. The precedence network reuses `render_graph` (pyvis, assets inlined) and
appends the edge statistics and the innovativeness table below the graph.

In English (`Links(lang="en")`, `?lang=en`) the words come from the catalogue (visualizations.lang_pages),
the practice is named by its English label, region names carry their pinyin, and what stays Chinese
(organisation names, evidence sentences, date phrases) is marked `lang="zh"`; the Chinese page is unchanged.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from analytics.adoptions import STATED, AdoptionEvent
from analytics.innovativeness import RegionScore
from analytics.precedence import PrecedenceEdge, PrecedenceNetwork
from analytics.timeline import PracticeTimeline
from graph_loader.text.transliterate import pinyin
from ontology.model import get_ontology
from visualizations.lang import concept_name
from visualizations.model import Links
from visualizations.render import render_graph

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf",
           "#bcbd22", "#7f7f7f", "#393b79", "#637939")
FONT = "'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif"
CSS = f"""
body{{font:14px {FONT};margin:16px;color:#222}}
h1{{font-size:20px}} h2{{font-size:16px;margin-top:24px}}
table{{border-collapse:collapse;font-size:13px}}
td,th{{border:1px solid #ddd;padding:3px 6px;vertical-align:top}}
th{{background:#f4f4f4}} .muted{{color:#777}} .quote{{max-width:640px}}
svg text{{font-family:{FONT}}}
"""
ROW = 22
PRECEDES = "先于（显著）"  # the drawn edges' label; weights and tests are in the table below the graph
LEFT = 330
LEFT_EN = 450  # English labels add the city's pinyin
WIDTH = 960


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _zh(text: object, tag: str = "span") -> str:
    """Chinese left as it is on an English page (a name, a sentence), marked so readers and tests know."""
    return f'<{tag} lang="zh">{_e(text)}</{tag}>'


def _place(name: str | None, lang: str) -> str:
    """A region name as HTML: Chinese, or in English the name marked Chinese with its pinyin."""
    if not name or lang == "zh":
        return _e(name)
    return f"{_zh(name)} ({_e(pinyin(name))})"


def _colours(events: Iterable[AdoptionEvent]) -> dict[str, str]:
    cities = sorted({e.city or "(unknown)" for e in events})
    return {city: PALETTE[i % len(PALETTE)] for i, city in enumerate(cities)}


def timeline_svg(events: Sequence[AdoptionEvent], lang: str = "zh") -> str:
    """One row per adoption (earliest first); filled dot = stated date, hollow = article date."""
    dated = [e for e in events if e.year is not None]
    if not dated:
        return "<p class='muted'>No dated adoption.</p>"
    years = [e.year for e in dated if e.year is not None]
    lo, hi = min(years) - 1, max(years) + 1
    span = max(hi - lo, 1)
    left = LEFT if lang == "zh" else LEFT_EN
    plot = WIDTH - left - 40

    def x(year: int) -> float:
        return left + (year - lo) * plot / span

    height = 40 + ROW * len(dated) + 30
    colours = _colours(dated)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" role="img" '
           f'aria-label="adoption timeline">']
    for year in range(lo, hi + 1):
        out.append(f'<line x1="{x(year):.1f}" y1="20" x2="{x(year):.1f}" y2="{height - 25}" stroke="#eee"/>')
        out.append(f'<text x="{x(year):.1f}" y="{height - 8}" font-size="11" '
                   f'text-anchor="middle">{year}</text>')
    for row, event in enumerate(dated):
        y = 36 + row * ROW
        colour = colours[event.city or "(unknown)"]
        fill = colour if event.date_basis == STATED else "#ffffff"
        label = _e(f"{event.organization}（{event.city or '?'}）")
        if lang != "zh":
            label = _zh(event.organization, "tspan") + _e(f" ({pinyin(event.city) if event.city else '?'})")
        phrase = f" {event.date_phrase}" if event.date_phrase else ""
        tip = f"{event.organization} {event.date} ({event.date_basis}{phrase})"
        title = "<title>" if lang == "zh" else '<title lang="zh">'
        out.append(f'<text x="{left - 10}" y="{y + 4}" font-size="12" text-anchor="end">{label}</text>')
        out.append(f'<line x1="{left}" y1="{y}" x2="{x(event.year or lo):.1f}" y2="{y}" stroke="#f2f2f2"/>')
        out.append(f'<circle cx="{x(event.year or lo):.1f}" cy="{y}" r="6" fill="{fill}" stroke="{colour}" '
                   f'stroke-width="2">{title}{_e(tip)}</title></circle>')
    out.append("</svg>")
    return "".join(out)


def cumulative_svg(timeline: PracticeTimeline, links: Links = Links()) -> str:
    """Adoptions per year (bars) and the cumulative number of adopters (step line)."""
    if not timeline.cumulative:
        return ""
    width, height, left, bottom = 600, 220, 40, 30
    years = [y for y, _ in timeline.cumulative]
    top = max(n for _, n in timeline.cumulative) or 1
    step = (width - left - 20) / max(len(years), 1)

    def y_of(n: int) -> float:
        return height - bottom - n * (height - bottom - 20) / top

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
           f'aria-label="adoption curve">']
    points = []
    for i, (year, total) in enumerate(timeline.cumulative):
        x0 = left + i * step
        count = timeline.per_year.get(year, 0)
        if count:
            out.append(f'<rect x="{x0 + step * 0.2:.1f}" y="{y_of(count):.1f}" width="{step * 0.6:.1f}" '
                       f'height="{height - bottom - y_of(count):.1f}" fill="#ffbb78"><title>{year}: {count}'
                       f'</title></rect>')
        points.append(f"{x0:.1f},{y_of(total):.1f} {x0 + step:.1f},{y_of(total):.1f}")
        out.append(f'<text x="{x0 + step / 2:.1f}" y="{height - 10}" font-size="11" '
                   f'text-anchor="middle">{year}</text>')
    out.append(f'<polyline points="{" ".join(points)}" fill="none" stroke="#d62728" stroke-width="2"/>')
    legend = _e(links.t("累计采用 {top}（红线）· 当年采用（柱）", top=top))
    out.append(f'<text x="{left}" y="14" font-size="11">{legend}</text>')
    axis = height - bottom
    out.append(f'<line x1="{left}" y1="{axis}" x2="{width - 20}" y2="{axis}" stroke="#999"/>')
    out.append("</svg>")
    return "".join(out)


def _quote(evidence: Sequence[object]) -> str:
    first = evidence[0] if evidence else None
    return " ".join(str(getattr(first, "quote", "")).split())


def _row(*cells: object) -> str:
    return "<tr>" + "".join(f"<td>{_e(c)}</td>" for c in cells) + "</tr>"


def _events_table(events: Sequence[AdoptionEvent], links: Links = Links()) -> str:
    lang = links.lang
    head = "".join(f"<th>{_e(links.t(h))}</th>" for h in ("年份", "日期依据", "组织", "县（区）", "城市", "证据"))
    rows = [f"<table><tr>{head}</tr>"]
    quote_tag = "<div class='quote'>" if lang == "zh" else "<div class='quote' lang='zh'>"
    for e in events:
        basis = _e(e.date_basis + (f"：{e.date_phrase}" if e.date_phrase else ""))
        organization = _e(e.organization)
        if lang != "zh":
            basis = _e(e.date_basis) + (f": {_zh(e.date_phrase)}" if e.date_phrase else "")
            organization = f"{_zh(e.organization)}<br><small class='muted'>{_e(pinyin(e.organization))}</small>"
        quotes = "".join(
            f"<details><summary>{_e(ev.doc_id)} · {_e(ev.article_id)} · {_e(ev.date)} ({_e(ev.date_basis)})"
            f"</summary>{quote_tag}{_e(' '.join(ev.quote.split()))}</div></details>"
            for ev in e.evidence)
        rows.append(f"<tr><td>{_e(e.year)}</td><td>{basis}</td><td>{organization}</td>"
                    f"<td>{_place(e.county, lang)}</td><td>{_place(e.city, lang)}</td><td>{quotes}</td></tr>")
    rows.append("</table>")
    return "".join(rows)


def _claim(claim: object, lang: str) -> str:
    """One explicit spread statement: holder → place (year, basis): the sentence."""
    source, target = getattr(claim, "source", ""), getattr(claim, "target", "")
    year, basis, quote = getattr(claim, "year", None), getattr(claim, "date_basis", ""), _quote(claim.evidence)
    if lang == "zh":
        return f"<li>{_e(source)} → {_e(target)}（{_e(year)}，{_e(basis)}）：{_e(quote)}</li>"
    return f"<li>{_zh(source)} → {_place(target, lang)} ({_e(year)}, {_e(basis)}): {_zh(quote)}</li>"


def timeline_html(timeline: PracticeTimeline, links: Links = Links()) -> str:
    """The self-contained page of one practice's diffusion, in the language of `links`."""
    t, lang = links.t, links.lang
    name = concept_name(timeline.practice, timeline.zh, lang)
    title = t("{name}（{practice}）的扩散", name=name, practice=timeline.practice)
    title += f" · diffusion of {timeline.en}" if lang == "zh" else ""
    by_city = sorted(timeline.per_city.items(), key=lambda x: (-x[1], x[0]))
    if lang == "zh":
        first = _e("、".join(f"{e.organization}（{e.year}）" for e in timeline.first_adopters) or "—")
        cities = _e("、".join(f"{c} {n}" for c, n in by_city))
    else:
        first = ", ".join(f"{_zh(e.organization)} ({_e(e.year)})" for e in timeline.first_adopters) or "—"
        cities = ", ".join(f"{_place(c, lang)} {n}" for c, n in by_city)
    claims = "".join(_claim(c, lang) for c in timeline.spread_claims)
    claims = claims or "<li class='muted'>" + _e(t("文本中没有明确的推广表述。")) + "</li>"
    counts = t("采用 {n} 次（未定年 {undated}）· 首个采用者：{first}", n=len(timeline.events),
               undated=timeline.undated, first=first)
    words = {text: _e(t(text)) for text in (
        "采用时间线", "实心点：证据写明年份（stated）；空心点：以文章日期为准（article）。颜色区分城市。", "采用曲线",
        "明确的推广表述（SPREAD_TO）", "文本直接说“推广至/复制推广”的，与上面按时间推断的顺序分开列出。",
        "采用事件与证据", "方法与局限见 docs/diffusion.md。")}
    (timeline_heading, dots, curve, spread, spread_note, events, method) = words.values()
    return (
        f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>{_e(title)}</title>"
        f"<style>{CSS}</style></head><body><h1>{_e(title)}</h1>"
        f"<p>{counts}</p><p class='muted'>{t('按城市：{cities}', cities=cities)}</p>"
        f"<h2>{timeline_heading}</h2><p class='muted'>{dots}</p>{timeline_svg(timeline.events, lang)}"
        f"<h2>{curve}</h2>{cumulative_svg(timeline, links)}"
        f"<h2>{spread}</h2><p class='muted'>{spread_note}</p><ul>{claims}</ul>"
        f"<h2>{events}</h2>{_events_table(timeline.events, links)}"
        f"<p class='muted'>{method}</p></body></html>"
    )


def _pairs_sentence(network: PrecedenceNetwork, lang: str = "zh") -> str:
    """Why most pairs have no order: article dates bound an adoption only from above."""
    pairs = {"established": 0, "one_sided": 0, "unknown": 0, "tied": 0, **network.pairs}
    counted = pairs["established"] - pairs["one_sided"]
    zh = (f"先后只在文本能确定时才计入：A 的最晚可能时间早于 B 的最早可能时间。文章日期只说明“不晚于”，"
          f"除非更早的文档报道过同一组织而未提该实践，否则最早时间未知。在两地都采用的实践中，"
          f"先后已确定 {pairs['established']} 对（其中 {pairs['one_sided']} 对只能单向成立，不计入检验），"
          f"未知 {pairs['unknown']} 对，同时 {pairs['tied']} 对。 ")
    return _e((zh if lang == "zh" else "") +
              f"Order counts only where the texts establish it (established {pairs['established']}, "
              f"unknown {pairs['unknown']}, tied {pairs['tied']}); unknown pairs count for neither side. "
              f"Of the established orders, {counted} are between intervals bounded at both ends and enter the "
              f"sign test; {pairs['one_sided']} are one-sided (one region known only as 'no later than', "
              f"so the opposite order could never have been seen) and are not evidence.")


def _cells(*cells: str) -> str:
    """A table row of cells that are HTML already."""
    return "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


def _edge_row(e: PrecedenceEdge, lang: str = "zh") -> str:
    """One pair: counted orders each way, one-sided / unknown / tied, the test, the cover."""
    if lang == "zh":
        relayed = "、".join(e.relayed_by)
        direct = "yes" if e.direct else ("—" if not e.significant else f"no ({relayed or 'covered'})")
        return _row(e.source, e.target, f"{e.weight}:{e.against}", f"{e.established}/{e.unknown}/{e.tied}",
                    e.one_sided, e.shared, f"{e.p_value:.2g}", f"{e.q_value:.2g}", f"{e.mean_lag:.2f}", direct,
                    "、".join(e.practices))
    relayed = ", ".join(_place(r, lang) for r in e.relayed_by)
    direct = "yes" if e.direct else ("—" if not e.significant else f"no ({relayed or 'covered'})")
    practices = ", ".join(_e(concept_name(p, p, lang)) for p in e.practices)
    numbers = (f"{e.weight}:{e.against}", f"{e.established}/{e.unknown}/{e.tied}", e.one_sided, e.shared,
               f"{e.p_value:.2g}", f"{e.q_value:.2g}", f"{e.mean_lag:.2f}")
    return _cells(_place(e.source, lang), _place(e.target, lang), *map(_e, numbers), direct, practices)


_HEADS = ("先", "后", "先:后", "确定/未知/同时", "单侧", "共同实践", "p", "q (BH)", "平均滞后（年）", "直接",
          "实践（先者在前）")
_SCORE_HEADS = ("地区", "得分", "平均滞后", "共有实践", "首个采用", "独有实践")
_HEAD = "".join(f"<th>{h}</th>" for h in _HEADS)
_LEVEL_TITLES = {
    "city": "实践扩散的先后网络（城市）· precedence network",
    "county": "实践扩散的先后网络（县（区））· precedence network",
}


def network_html(network: PrecedenceNetwork, scores: Sequence[RegionScore] = (), links: Links = Links()) -> str:
    """The precedence network (pyvis) with the statistics of its edges and the innovativeness table."""
    t, lang = links.t, links.lang
    by_region = {s.region: s for s in scores}
    ont = get_ontology()
    key = {region: ont.instance_key("AdminArea", region) for region in network.regions}
    nodes = [{"key": key[region], "name": region, "labels": ["AdminArea"],
              "props": {"innovativeness": by_region[region].score} if region in by_region else {}}
             for region in network.regions]
    edges = [{"source": key[e.source], "target": key[e.target], "type": t(PRECEDES)} for e in network.shown]
    title = t(_LEVEL_TITLES["city" if network.level == "city" else "county"])
    page = render_graph(nodes, edges, title=title, links=links)
    rows = "".join(_edge_row(e, lang) for e in network.significant)
    closest = "".join(_edge_row(e, lang) for e in network.closest() if not e.significant)
    score_rows = "".join(_cells(_place(s.region, lang), "" if s.score is None else f"{s.score:.3f}",
                                "" if s.mean_lag is None else f"{s.mean_lag:.2f}",
                                *map(_e, (s.practices, s.firsts, s.sole))) for s in scores)
    head = _HEAD if lang == "zh" else "".join(f"<th>{_e(t(h))}</th>" for h in _HEADS)
    score_head = "".join(f"<th>{_e(t(h))}</th>" for h in _SCORE_HEADS)
    significant = t("显著的先后关系（α={alpha}，至少 {min_weight} 项实践）", alpha=network.alpha,
                    min_weight=network.min_weight)
    tested = t("检验 {tested} 对；打乱采用年份后同一方法平均画出 {chance} 条边（{shuffles} 次，seed {seed}）。",
               tested=network.tested, chance=network.chance_edges, shuffles=network.shuffles, seed=network.seed)
    order_note = ("先:后 = 两端都有界的已确定先后中，先者在前 : 后者在前（符号检验，零假设下各 1/2）；"
                  "单侧 = 已确定但只能单向成立的先后（不计入）。 first:second = counted orders each way (sign test).")
    section = (
        f"<section style='font:13px {FONT};padding:12px'><style>{CSS}</style>"
        f"<h2>{_e(significant)}</h2><p class='muted'>{_e(tested)}</p>"
        f"<p class='pairs'>{_pairs_sentence(network, lang)}</p>"
        f"<table><tr>{head}</tr>{rows}</table>"
        f"<h2>{_e(t('最接近显著的其他地区对 · closest pairs that are not significant'))}</h2>"
        f"<p class='muted'>{_e(t(order_note))}</p>"
        f"<table class='closest'><tr>{head}</tr>{closest}</table>"
        f"<h2>{_e(t('创新性（越早采用越高）'))}</h2><table><tr>{score_head}</tr>{score_rows}</table>"
        f"<p class='muted'>{_e(t('方法与局限见 docs/diffusion.md。'))}</p></section>"
    )
    return page.replace("</body>", section + "</body>", 1) if "</body>" in page else page + section
