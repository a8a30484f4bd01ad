"""Zhejiang as inline SVG: one <path> per city and county from the cached outlines, and the fills.

No tiles, no CDN, no script needed to see the colours: the server writes each path's fill for the
final state, and the page's script (visualizations.maps) only repaints for the slider and the
level switch. Paths carry `data-name` and `data-level`; counties are drawn first, cities on top
(filled only when the city level is shown, otherwise their outline).
"""

from __future__ import annotations

import functools
import html
from collections.abc import Mapping

from analytics.geography import Region, frame_height, project, regions
from graph_loader.text.transliterate import pinyin

WIDTH = 900
EMPTY = "#eeeeee"  # no adoption reported: not "not adopted"
# viridis at nine stops: early years dark, late years light, readable in greyscale too
VIRIDIS = ("#440154", "#472d7b", "#3b528b", "#2c728e", "#21918c", "#28ae80", "#5ec962", "#addc30", "#fde725")
BLUES = ("#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b")


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


@functools.cache
def region_path(name: str) -> str:
    """The SVG path data of a region at the map's width (rings closed, 1 decimal)."""
    region = regions()[name]
    parts = []
    for polygon in region.polygons:
        for ring in polygon:
            points = [project(lon, lat, WIDTH) for lon, lat in ring[:-1]]
            parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
    return "".join(parts)


def _mix(a: str, b: str, t: float) -> str:
    ca = [int(a[i : i + 2], 16) for i in (1, 3, 5)]
    cb = [int(b[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(ca, cb, strict=True))


def ramp(palette: tuple[str, ...], n: int) -> list[str]:
    """n colours evenly along a palette."""
    if n <= 1:
        return [palette[len(palette) // 2]]
    out = []
    for i in range(n):
        pos = i * (len(palette) - 1) / (n - 1)
        lo = int(pos)
        out.append(palette[lo] if lo == len(palette) - 1 else _mix(palette[lo], palette[lo + 1], pos - lo))
    return out


def year_colours(years: list[int]) -> dict[int, str]:
    return dict(zip(years, ramp(VIRIDIS, len(years)), strict=True))


def hatch_patterns(colours: Mapping[int, str]) -> str:
    """One diagonal-stripe pattern per year: an article date only bounds the adoption from above."""
    out = []
    for year, colour in colours.items():
        out.append(
            f'<pattern id="hatch-{year}" patternUnits="userSpaceOnUse" width="6" height="6" '
            f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{_mix(colour, "#ffffff", 0.7)}"/>'
            f'<rect width="3" height="6" fill="{colour}"/></pattern>'
        )
    return "".join(out)


def year_fill(colours: Mapping[int, str], year: int, fixed: bool) -> str:
    """Solid for a stated year; the year's stripes when an article date only bounds it."""
    return colours[year] if fixed else f"url(#hatch-{year})"


def map_svg(
    fills: Mapping[str, Mapping[str, str]], level: str, extra_defs: str = "", title: str = "", lang: str = "zh"
) -> str:
    """Counties, then cities on top; `fills[level][name]` colours a region, the shown level filled.
    In English (`lang="en"`) the cities are labelled in pinyin and each region's title adds its pinyin."""
    height = frame_height(WIDTH)
    out = [
        f'<svg id="ukg-map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0f}" '
        f'width="{WIDTH}" height="{height:.0f}" role="img" aria-label="{_e(title)}" data-level="{level}">',
        f"<defs>{extra_defs}</defs>",
    ]
    for lv in ("county", "city"):
        out.append(f'<g class="layer layer-{lv}">')
        for name, region in regions(lv).items():
            fill = fills.get(lv, {}).get(name, EMPTY) if lv == level else "none"
            shown = name if lang == "zh" else f"{name} ({pinyin(name)})"
            out.append(
                f'<path class="region" d="{region_path(name)}" data-name="{_e(name)}" data-level="{lv}" '
                f'data-city="{_e(region.city)}" fill="{fill}"><title>{_e(shown)}</title></path>'
            )
        out.append("</g>")
    out.append('<g class="labels">')
    for name, region in regions("city").items():
        x, y = project(*region.label, WIDTH)
        short = name.removesuffix("市")
        label = short if lang == "zh" else pinyin(short)
        out.append(f'<text x="{x:.0f}" y="{y:.0f}" text-anchor="middle">{_e(label)}</text>')
    out.append("</g></svg>")
    return "".join(out)


def region_label(region: Region) -> str:
    return region.name if not region.note else f"{region.name}（{region.note}）"
