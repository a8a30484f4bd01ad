"""Diffusion views: a practice's adoption timeline (inline SVG) and the precedence network.

The timeline is plain HTML + SVG with inline CSS — no script, no CDN — so a saved page opens
offline anywhere. The precedence network reuses `render_graph` (pyvis, assets inlined) and
appends the edge statistics and the innovativeness table below the graph.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from analytics.adoptions import STATED, AdoptionEvent
from analytics.innovativeness import RegionScore
from analytics.precedence import PrecedenceNetwork
from analytics.timeline import PracticeTimeline
from ontology.model import get_ontology
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
WIDTH = 960


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _colours(events: Iterable[AdoptionEvent]) -> dict[str, str]:
    cities = sorted({e.city or "(unknown)" for e in events})
    return {city: PALETTE[i % len(PALETTE)] for i, city in enumerate(cities)}


def timeline_svg(events: Sequence[AdoptionEvent]) -> str:
    """One row per adoption (earliest first); filled dot = stated date, hollow = article date."""
    dated = [e for e in events if e.year is not None]
    if not dated:
        return "<p class='muted'>No dated adoption.</p>"
    years = [e.year for e in dated if e.year is not None]
    lo, hi = min(years) - 1, max(years) + 1
    span = max(hi - lo, 1)
    plot = WIDTH - LEFT - 40

    def x(year: int) -> float:
        return LEFT + (year - lo) * plot / span

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
        label = f"{event.organization}（{event.city or '?'}）"
        phrase = f" {event.date_phrase}" if event.date_phrase else ""
        tip = f"{event.organization} {event.date} ({event.date_basis}{phrase})"
        out.append(f'<text x="{LEFT - 10}" y="{y + 4}" font-size="12" text-anchor="end">{_e(label)}</text>')
        out.append(f'<line x1="{LEFT}" y1="{y}" x2="{x(event.year or lo):.1f}" y2="{y}" stroke="#f2f2f2"/>')
        out.append(f'<circle cx="{x(event.year or lo):.1f}" cy="{y}" r="6" fill="{fill}" stroke="{colour}" '
                   f'stroke-width="2"><title>{_e(tip)}</title></circle>')
    out.append("</svg>")
    return "".join(out)


def cumulative_svg(timeline: PracticeTimeline) -> str:
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
    out.append(f'<text x="{left}" y="14" font-size="11">累计采用 {top}（红线）· 当年采用（柱）</text>')
    axis = height - bottom
    out.append(f'<line x1="{left}" y1="{axis}" x2="{width - 20}" y2="{axis}" stroke="#999"/>')
    out.append("</svg>")
    return "".join(out)


def _quote(evidence: Sequence[object]) -> str:
    first = evidence[0] if evidence else None
    return " ".join(str(getattr(first, "quote", "")).split())


def _row(*cells: object) -> str:
    return "<tr>" + "".join(f"<td>{_e(c)}</td>" for c in cells) + "</tr>"


def _events_table(events: Sequence[AdoptionEvent]) -> str:
    head = "".join(f"<th>{h}</th>" for h in ("年份", "日期依据", "组织", "县（区）", "城市", "证据"))
    rows = [f"<table><tr>{head}</tr>"]
    for e in events:
        basis = e.date_basis + (f"：{e.date_phrase}" if e.date_phrase else "")
        quotes = "".join(
            f"<details><summary>{_e(ev.doc_id)} · {_e(ev.article_id)} · {_e(ev.date)} ({_e(ev.date_basis)})"
            f"</summary><div class='quote'>{_e(' '.join(ev.quote.split()))}</div></details>"
            for ev in e.evidence)
        rows.append(f"<tr><td>{_e(e.year)}</td><td>{_e(basis)}</td><td>{_e(e.organization)}</td>"
                    f"<td>{_e(e.county)}</td><td>{_e(e.city)}</td><td>{quotes}</td></tr>")
    rows.append("</table>")
    return "".join(rows)


def timeline_html(timeline: PracticeTimeline) -> str:
    """The self-contained page of one practice's diffusion."""
    title = f"{timeline.zh}（{timeline.practice}）的扩散 · diffusion of {timeline.en}"
    first = "、".join(f"{e.organization}（{e.year}）" for e in timeline.first_adopters) or "—"
    cities = "、".join(f"{c} {n}" for c, n in sorted(timeline.per_city.items(), key=lambda x: (-x[1], x[0])))
    claims = "".join(
        f"<li>{_e(c.source)} → {_e(c.target)}（{_e(c.year)}，{_e(c.date_basis)}）："
        f"{_e(_quote(c.evidence))}</li>" for c in timeline.spread_claims)
    claims = claims or "<li class='muted'>文本中没有明确的推广表述。</li>"
    return (
        f"<!DOCTYPE html><html lang='zh'><head><meta charset='utf-8'><title>{_e(title)}</title>"
        f"<style>{CSS}</style></head><body><h1>{_e(title)}</h1>"
        f"<p>采用 {len(timeline.events)} 次（未定年 {timeline.undated}）· 首个采用者：{_e(first)}</p>"
        f"<p class='muted'>按城市：{_e(cities)}</p>"
        "<h2>采用时间线</h2><p class='muted'>实心点：证据写明年份（stated）；"
        f"空心点：以文章日期为准（article）。颜色区分城市。</p>{timeline_svg(timeline.events)}"
        f"<h2>采用曲线</h2>{cumulative_svg(timeline)}"
        f"<h2>明确的推广表述（SPREAD_TO）</h2><p class='muted'>文本直接说“推广至/复制推广”的，"
        f"与上面按时间推断的顺序分开列出。</p><ul>{claims}</ul>"
        f"<h2>采用事件与证据</h2>{_events_table(timeline.events)}"
        f"<p class='muted'>方法与局限见 docs/diffusion.md。</p></body></html>"
    )


def _pairs_sentence(network: PrecedenceNetwork) -> str:
    """Why most pairs have no order: article dates bound an adoption only from above."""
    pairs = {"established": 0, "unknown": 0, "tied": 0, **network.pairs}
    return _e(f"先后只在文本能确定时才计入：A 的最晚可能时间早于 B 的最早可能时间。文章日期只说明“不晚于”，"
              f"除非更早的文档报道过该地区而未提该实践，否则最早时间未知。在两地都采用的实践中，"
              f"先后已确定 {pairs['established']} 对，未知 {pairs['unknown']} 对，同时 {pairs['tied']} 对。"
              f" Order counts only where the texts establish it (established {pairs['established']}, "
              f"unknown {pairs['unknown']}, tied {pairs['tied']}); unknown pairs count for neither side.")


def network_html(network: PrecedenceNetwork, scores: Sequence[RegionScore] = ()) -> str:
    """The precedence network (pyvis) with the statistics of its edges and the innovativeness table."""
    by_region = {s.region: s for s in scores}
    ont = get_ontology()
    key = {region: ont.instance_key("AdminArea", region) for region in network.regions}
    nodes = [{"key": key[region], "name": region, "labels": ["AdminArea"],
              "props": {"innovativeness": by_region[region].score} if region in by_region else {}}
             for region in network.regions]
    edges = [{"source": key[e.source], "target": key[e.target], "type": PRECEDES} for e in network.shown]
    level = "城市" if network.level == "city" else "县（区）"
    page = render_graph(nodes, edges, title=f"实践扩散的先后网络（{level}）· precedence network")
    rows = "".join(_row(e.source, e.target, f"{e.weight}/{e.shared}", f"{e.expected:.2f}", f"{e.p_value:.2g}",
                        f"{e.q_value:.2g}", f"{e.mean_lag:.2f}",
                        "yes" if e.direct else f"no ({'、'.join(e.relayed_by) or 'covered'})",
                        f"{e.established}/{e.unknown}/{e.tied}", "、".join(e.practices))
                   for e in network.significant)
    score_rows = "".join(_row(s.region, "" if s.score is None else f"{s.score:.3f}",
                              "" if s.mean_lag is None else f"{s.mean_lag:.2f}",
                              s.practices, s.firsts, s.sole) for s in scores)
    section = (
        f"<section style='font:13px {FONT};padding:12px'><style>{CSS}</style>"
        f"<h2>显著的先后关系（α={network.alpha}，至少 {network.min_weight} 项实践）</h2>"
        f"<p class='muted'>检验 {network.tested} 对；打乱采用年份后同一方法平均画出 "
        f"{_e(network.chance_edges)} 条边（{network.shuffles} 次，seed {_e(network.seed)}）。</p>"
        f"<p class='pairs'>{_pairs_sentence(network)}</p>"
        "<table><tr><th>先</th><th>后</th><th>先于/共同</th><th>随机期望</th><th>p</th><th>q (BH)</th>"
        f"<th>平均滞后（年）</th><th>直接</th><th>确定/未知/同时</th><th>实践</th></tr>{rows}</table>"
        "<h2>创新性（越早采用越高）</h2><table><tr><th>地区</th><th>得分</th><th>平均滞后</th>"
        f"<th>共有实践</th><th>首个采用</th><th>独有实践</th></tr>{score_rows}</table>"
        "<p class='muted'>方法与局限见 docs/diffusion.md。</p></section>"
    )
    return page.replace("</body>", section + "</body>", 1) if "</body>" in page else page + section
