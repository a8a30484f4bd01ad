"""Map views: Zhejiang's cities and counties coloured by when a practice reached them, or by how many
practices each adopted. Self-contained HTML (inline SVG, CSS and script): opens offline from disk.

The practice map is interval-aware: a region whose first adoption has a stated year is filled
solid in that year's colour; one known only from an article date ("no later than") is hatched in
the colour of that upper bound. A year slider shows the regions reported by each year; hovering a
region lists its adopters with the evidence sentence; a click opens the region view. Grey means
no adoption was reported there, not that none happened.

In English (`Links(lang="en")`) the words come from the catalogue (visualizations.lang_pages), the
practices by their English labels, and region names carry their pinyin (labels, titles, the tooltip).
"""

from __future__ import annotations

import html
import json
from collections.abc import Collection, Mapping
from typing import Any

from analytics.geography import regions
from analytics.maps import PracticeMap, RegionCount
from graph_loader.text.transliterate import pinyin
from visualizations.map_svg import BLUES, EMPTY, hatch_patterns, map_svg, ramp, year_colours, year_fill
from visualizations.model import Links

FONT = "'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif"
CSS = f"""
body{{font:14px {FONT};margin:16px;color:#222}} h1{{font-size:20px;margin:0 0 6px}}
.muted{{color:#666}} .bar{{display:flex;gap:18px;align-items:center;flex-wrap:wrap;margin:8px 0}}
.wrap{{position:relative;display:inline-block}} svg text{{font:13px {FONT};fill:#111;pointer-events:none;
paint-order:stroke;stroke:#fff;stroke-width:3px}}
path.region{{stroke:#fff;stroke-width:.5}}
#ukg-map[data-level=county] .layer-city path{{pointer-events:none;stroke:#333;stroke-width:1.3}}
#ukg-map[data-level=city] .layer-county path{{pointer-events:none;stroke:#ccc;stroke-width:.4}}
#ukg-map[data-level=city] .layer-city path{{stroke:#333;stroke-width:1}}
path.region.link{{cursor:pointer}} path.region:hover{{stroke:#d62728;stroke-width:2}}
#ukg-map-tip{{position:absolute;display:none;max-width:420px;background:#fff;border:1px solid #999;
padding:6px 8px;font-size:12px;box-shadow:0 2px 6px rgba(0,0,0,.2);pointer-events:none;z-index:5}}
#ukg-map-tip b{{font-size:13px}} #ukg-map-tip li{{margin:3px 0}} #ukg-map-tip ul{{margin:4px 0;padding-left:16px}}
.legend span{{display:inline-flex;align-items:center;gap:4px;margin-right:10px}}
.legend svg{{vertical-align:middle}}
body[data-level=county] .legend-city,body[data-level=city] .legend-county{{display:none}}
"""


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def _links(names: Mapping[str, Collection[str]], places: Collection[str], links: Links) -> dict[str, str]:
    """Region view per drawn region: the first name its adopters used that has a view, else its own."""
    out = {}
    for drawn, used in names.items():
        target = next((n for n in [*sorted(used), drawn] if n in places), "")
        if target:
            out[drawn] = links.region(target)
    return out


def _swatch(fill: str) -> str:
    return f'<svg width="18" height="12"><rect width="18" height="12" fill="{fill}" stroke="#999"/></svg>'


def _level_switch(level: str, links: Links = Links()) -> str:
    options = (("county", "区县 counties"), ("city", "城市 cities"))
    return (
        "<span>"
        + "".join(
            f"<label><input type='radio' name='level' value='{v}'{' checked' if v == level else ''}> "
            f"{_e(links.t(text))}</label> "
            for v, text in options
        )
        + "</span>"
    )


# The tooltip's words (SCRIPT reads them from the page's data as `data.strings`).
TIP_STRINGS = {
    "notReported": "未见报道 · not reported",
    "practices": " 项实践 · ",
    "organizations": " 个组织",
    "statedBound": "（写明 stated；区内其他采用者时间未知）",
    "articleBound": "（文章日期 article）",
    "stated": "（写明 stated）",
    "after": " 之后、",
    "noLater": "不晚于 ",
    "first": "首次采用：",
    "more": "另有 {n} 个采用者",
    "and": "、",
}


def _page(
    title: str, intro: str, controls: str, svg: str, legend: str, data: dict[str, Any], links: Links = Links()
) -> str:
    lang = links.lang
    data = {
        **data,
        "strings": {key: links.t(text) for key, text in TIP_STRINGS.items()},
        "pinyin": {name: pinyin(name) for name in regions()} if lang == "en" else {},
    }
    boundaries = links.t("边界：{source}，简化后绘制；方法与局限见 docs/diffusion.md。", source=data["source"])
    return (
        f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>{_e(title)}</title>"
        f"<style>{CSS}</style></head><body><h1 id='ukg-title'>{_e(title)}</h1><p class='muted'>{intro}</p>"
        f"<div class='bar'>{controls}</div><div class='bar legend' id='ukg-legend'>{legend}</div>"
        f"<div class='wrap'>{svg}<div id='ukg-map-tip'></div></div>"
        f"<p class='muted'>{_e(boundaries)}</p>"
        f"<script type='application/json' id='ukg-map-data'>{_json(data)}</script><script>{SCRIPT}</script>"
        "</body></html>"
    )


def practice_map_html(
    pmap: PracticeMap,
    zh: str,
    en: str,
    places: Collection[str],
    links: Links = Links(),
    level: str = "county",
    source: str = "",
) -> str:
    """The map of one practice: regions by the year it reached them (solid stated, hatched upper bound)."""
    colours = year_colours(pmap.years)
    fills = {
        lv: {n: year_fill(colours, a.year, a.fixed) for n, a in found.items()} for lv, found in pmap.levels.items()
    }
    names = {n: a.names for found in pmap.levels.values() for n, a in found.items()}
    t = links.t
    title = t("{name}（{practice}）的采用地图", name=en if links.lang == "en" else zh, practice=pmap.practice)
    title += f" · where {en} was adopted" if links.lang == "zh" else ""
    data = {
        "kind": "practice",
        "level": level,
        "years": pmap.years,
        "colours": {str(y): c for y, c in colours.items()},
        "empty": EMPTY,
        "regions": pmap.to_dict()["levels"],
        "links": _links(names, places, links),
        "notes": {n: r.note for n, r in regions().items() if r.note},
        "source": source,
    }
    years = pmap.years
    slider = (
        f"<label>{_e(t('年份 year ≤'))} <b id='ukg-year-label'>{years[-1]}</b> <input type='range' id='ukg-year' "
        f"min='{years[0]}' max='{years[-1]}' step='1' value='{years[-1]}'></label>"
        if years
        else f"<span class='muted'>{_e(t('没有带日期的采用 · no dated adoption'))}</span>"
    )
    legend = "".join(f"<span>{_swatch(c)}{y}</span>" for y, c in colours.items())
    legend += (
        f"<span>{_swatch('#555555')}{_e(t('实心：文本写明年份 stated'))}</span>"
        f"<span><svg width='18' height='12'><defs>{hatch_patterns({0: '#555555'})}</defs>"
        "<rect width='18' height='12' fill='url(#hatch-0)' stroke='#999'/></svg>"
        f"{_e(t('斜线：仅知“不晚于”（文章日期，或区内另有时间未知的采用者） no later than'))}</span>"
        f"<span>{_swatch(EMPTY)}{_e(t('未见报道 not reported'))}</span>"
    )
    counts = {lv: len(found) for lv, found in pmap.levels.items()}
    intro = t(
        "已报道采用的城市 {cities} 个、区县 {counties} 个（另有 {unplaced} 次采用无法落到地图上，如省级机构）。"
        "颜色为最晚可能年份；文章日期只说明“不晚于”，并非开始时间。悬停查看采用者与证据，点击进入地区视图。",
        cities=counts.get("city", 0),
        counties=counts.get("county", 0),
        unplaced=pmap.unplaced,
    )
    svg = map_svg(fills, level, hatch_patterns(colours), title, links.lang)
    return _page(title, _e(intro), _level_switch(level, links) + slider, svg, legend, data, links)


COUNT_INTRO = "每个区县（或城市）按文本报道的不同实践数着色；只计落在该地的组织。悬停查看实践，点击进入地区视图。"


def count_map_html(
    counts: Mapping[str, Mapping[str, RegionCount]],
    labels: Mapping[str, str],
    places: Collection[str],
    links: Links = Links(),
    level: str = "county",
    source: str = "",
) -> str:
    """Every county (or city) coloured by the number of distinct practices adopted there (a scale per level)."""
    colours: dict[str, dict[str, str]] = {}
    legend = ""
    for lv, found in counts.items():
        top = max((c.count for c in found.values()), default=0)
        colours[lv] = {str(n): c for n, c in enumerate(ramp(BLUES, top), start=1)} if top else {}
        step = max(top // 4, 1)
        steps = sorted({1, *range(step, top + 1, step), top}) if top else []
        swatches = "".join(f"<span>{_swatch(colours[lv][str(n)])}{n}</span>" for n in steps)
        legend += f"<span class='legend-{lv}'>{swatches}</span>"
    fills = {lv: {n: colours[lv][str(c.count)] for n, c in found.items()} for lv, found in counts.items()}
    names = {n: c.names for found in counts.values() for n, c in found.items()}
    regions_data = {
        lv: {n: {**c.to_dict(), "labels": [labels.get(p, p) for p in c.practices]} for n, c in found.items()}
        for lv, found in counts.items()
    }
    title = links.t("各地采用的实践数 · practices adopted per region")
    data = {
        "kind": "count",
        "level": level,
        "colours": colours,
        "empty": EMPTY,
        "regions": regions_data,
        "links": _links(names, places, links),
        "notes": {n: r.note for n, r in regions().items() if r.note},
        "source": source,
    }
    legend += f"<span>{_swatch(EMPTY)}{_e(links.t('未见报道 not reported'))}</span>"
    intro = _e(links.t(COUNT_INTRO))
    svg = map_svg(fills, level, "", title, links.lang)
    return _page(title, intro, _level_switch(level, links), svg, legend, data, links)


SCRIPT = r"""
(function () {
  const data = JSON.parse(document.getElementById('ukg-map-data').textContent);
  const svg = document.getElementById('ukg-map');
  const tip = document.getElementById('ukg-map-tip');
  const slider = document.getElementById('ukg-year');
  const yearLabel = document.getElementById('ukg-year-label');
  const S = data.strings;
  let level = data.level;
  function fillFor(lv, name) {
    const r = (data.regions[lv] || {})[name];
    if (!r) return data.empty;
    if (data.kind === 'count') return data.colours[lv][String(r.count)];
    if (slider && r.year > Number(slider.value)) return data.empty;
    return r.fixed ? data.colours[String(r.year)] : 'url(#hatch-' + r.year + ')';
  }
  function paint() {
    svg.dataset.level = level;
    document.body.dataset.level = level;
    let shown = 0;
    svg.querySelectorAll('path.region').forEach(function (p) {
      if (p.dataset.level !== level) { p.setAttribute('fill', 'none'); p.classList.remove('link'); return; }
      const fill = fillFor(level, p.dataset.name);
      p.setAttribute('fill', fill);
      p.classList.toggle('link', Boolean(data.links[p.dataset.name]) && fill !== data.empty);
      if (fill !== data.empty) shown += 1;
    });
    svg.dataset.shown = String(shown);
    if (slider) yearLabel.textContent = slider.value;
  }
  function el(tag, text, parent) {
    const node = document.createElement(tag);
    if (text) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }
  function fillTip(name) {
    tip.textContent = '';
    el('b', data.pinyin[name] ? name + ' (' + data.pinyin[name] + ')' : name, tip);
    if (data.notes[name]) el('div', data.notes[name], tip).className = 'muted';
    const r = (data.regions[level] || {})[name];
    if (!r || (data.kind === 'practice' && slider && r.year > Number(slider.value))) {
      el('div', S.notReported, tip).className = 'muted';
      return;
    }
    if (data.kind === 'count') {
      el('div', r.count + S.practices + r.organizations + S.organizations, tip);
      el('div', r.labels.join(S.and), tip);
      return;
    }
    const bound = r.latest_basis === 'stated' ? S.statedBound : S.articleBound;
    const when = r.fixed ? r.year + S.stated
      : (r.earliest ? r.earliest + S.after : '') + S.noLater + r.latest + bound;
    el('div', S.first + when, tip);
    const list = el('ul', '', tip);
    r.adopters.forEach(function (a) {
      const li = el('li', '', list);
      el('b', a.organization, li);
      el('span', ' ' + a.date + ' ' + a.basis + (a.region !== name ? ' · ' + a.region : ''), li);
      el('div', '“' + a.quote.slice(0, 140) + (a.quote.length > 140 ? '…' : '') + '” ' + a.doc_id, li);
    });
    if (r.more) el('div', S.more.replace('{n}', r.more), tip).className = 'muted';
  }
  function target(ev) {
    const p = ev.target.closest && ev.target.closest('path.region');
    return p && p.dataset.level === level ? p : null;
  }
  svg.addEventListener('mousemove', function (ev) {
    const p = target(ev);
    if (!p) { tip.style.display = 'none'; return; }
    if (tip.dataset.name !== p.dataset.name) { fillTip(p.dataset.name); tip.dataset.name = p.dataset.name; }
    const box = svg.getBoundingClientRect();
    tip.style.left = Math.min(ev.clientX - box.left + 14, box.width - 300) + 'px';
    tip.style.top = (ev.clientY - box.top + 14) + 'px';
    tip.style.display = 'block';
  });
  svg.addEventListener('mouseleave', function () { tip.style.display = 'none'; tip.dataset.name = ''; });
  svg.addEventListener('click', function (ev) {
    const p = target(ev);
    if (p && p.classList.contains('link')) window.location.href = data.links[p.dataset.name];
  });
  document.querySelectorAll('input[name=level]').forEach(function (input) {
    input.addEventListener('change', function () { level = input.value; tip.dataset.name = ''; paint(); });
  });
  if (slider) slider.addEventListener('input', function () { tip.dataset.name = ''; paint(); });
  paint();
  window.ukgMap = {data: data, paint: paint};
  document.body.dataset.ready = 'true';
})();
"""
