"""Colours, shapes and names per node class and relationship type, and the legend — shared by every view."""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from visualizations.lang import class_name, relation_name, translate


class NodeStyle(NamedTuple):
    label: str  # the ontology class (Neo4j label)
    colour: str
    shape: str  # a vis-network shape
    zh: str  # the class's Chinese name, shown in the legend and the details panel


# Most specific label first; the first match decides a node's look.
NODE_STYLES: tuple[NodeStyle, ...] = (
    NodeStyle("UnionOrganization", "#d62728", "dot", "工会组织"),
    NodeStyle("PartyOrganization", "#b8860b", "diamond", "党组织"),
    NodeStyle("MassOrganization", "#e377c2", "dot", "群团组织"),
    NodeStyle("GovernmentBody", "#7f7f7f", "square", "政府机构"),
    NodeStyle("Enterprise", "#8c564b", "square", "企业"),
    NodeStyle("Alliance", "#9467bd", "hexagon", "联盟"),
    NodeStyle("Organization", "#ff9896", "dot", "组织"),
    NodeStyle("Person", "#1f77b4", "ellipse", "人物"),
    NodeStyle("Carrier", "#2ca02c", "triangle", "载体（小镇·园区·商圈）"),
    NodeStyle("AdminArea", "#98df8a", "triangleDown", "行政区划"),
    NodeStyle("Place", "#98df8a", "triangleDown", "地点"),
    NodeStyle("PracticeCategory", "#ff7f0e", "star", "实践类别"),
    NodeStyle("Practice", "#ffbb78", "star", "改革实践"),
    NodeStyle("ServiceBrand", "#17becf", "box", "服务品牌"),
    NodeStyle("Program", "#bcbd22", "database", "项目计划"),
    NodeStyle("Honor", "#c5b0d5", "text", "荣誉"),
    NodeStyle("Event", "#c49c94", "box", "事件"),
    NodeStyle("PolicyDocument", "#dbdb8d", "box", "政策文件"),
)
DEFAULT_NODE_STYLE = NodeStyle("Entity", "#aaaaaa", "dot", "实体")
# Kept for callers of the first version: (label, colour, shape) per class.
STYLES: tuple[tuple[str, str, str], ...] = tuple((s.label, s.colour, s.shape) for s in NODE_STYLES)
DEFAULT_STYLE = (DEFAULT_NODE_STYLE.colour, DEFAULT_NODE_STYLE.shape)


class EdgeStyle(NamedTuple):
    colour: str
    dashes: bool
    zh: str


EDGE_STYLES: dict[str, EdgeStyle] = {
    "ADOPTS": EdgeStyle("#e6892e", False, "采用实践"),
    "PARTY_BUILDING": EdgeStyle("#b8860b", False, "党建带工建"),
    "COVERS": EdgeStyle("#2ca02c", False, "覆盖"),
    "LOCATED_IN": EdgeStyle("#6fbf6f", False, "位于"),
    "OPERATES": EdgeStyle("#17becf", False, "运营品牌"),
    "INSTANCE_OF": EdgeStyle("#17becf", True, "品牌属于实践"),
    "BROADER": EdgeStyle("#ff7f0e", True, "上位概念"),
    "PARTICIPATES_IN": EdgeStyle("#bcbd22", False, "参与项目"),
    "HOLDS_POSITION": EdgeStyle("#1f77b4", False, "任职"),
    "SUB_ORGANIZATION_OF": EdgeStyle("#d62728", False, "下属组织"),
    "SPREAD_TO": EdgeStyle("#9467bd", False, "推广至"),
    "MEMBER_OF": EdgeStyle("#9467bd", True, "成员"),
    "PARTNERS_WITH": EdgeStyle("#8c564b", True, "合作"),
    "RECEIVED": EdgeStyle("#c5b0d5", False, "获得荣誉"),
    "ORGANIZED": EdgeStyle("#c49c94", False, "组织活动"),
    "HELD_IN": EdgeStyle("#c49c94", True, "举办地"),
    "ISSUED": EdgeStyle("#bcbd22", True, "发布文件"),
    "IN_CITY": EdgeStyle("#9aa5b1", True, "所在城市"),
}
DEFAULT_EDGE_STYLE = EdgeStyle("#9aa5b1", False, "")

# Sequential palette (viridis minus its darkest end: early → late) for views coloured by year.
# Unknown years are grey.
YEAR_PALETTE: tuple[str, ...] = (
    "#3e4989",
    "#31688e",
    "#26828e",
    "#1f9e89",
    "#35b779",
    "#6ece58",
    "#b5de2b",
    "#fde725",
)
UNKNOWN_YEAR_COLOUR = "#cccccc"
REJECTED_COLOUR = "#b0b0b0"  # a rejected edge (include_rejected): grey and dashed

FONT_FACE = (
    "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"
)


def node_style(labels: Iterable[str]) -> NodeStyle:
    """The style of a node with these labels: its most specific known class."""
    present = set(labels)
    for style in NODE_STYLES:
        if style.label in present:
            return style
    return DEFAULT_NODE_STYLE


def style_for(labels: Iterable[str]) -> tuple[str, str, str]:
    """(class, colour, shape) for a node with these labels."""
    style = node_style(labels)
    return style.label, style.colour, style.shape


def edge_style(rel_type: str) -> EdgeStyle:
    return EDGE_STYLES.get(rel_type, DEFAULT_EDGE_STYLE)


def year_colours(years: Iterable[int | None]) -> dict[int, str]:
    """A colour per distinct year, spread over the palette from the earliest to the latest."""
    known = sorted({year for year in years if year is not None})
    if not known:
        return {}
    if len(known) == 1:
        return {known[0]: YEAR_PALETTE[len(YEAR_PALETTE) // 2]}
    first, last = known[0], known[-1]
    top = len(YEAR_PALETTE) - 1
    return {year: YEAR_PALETTE[round((year - first) / (last - first) * top)] for year in known}


def shape_svg(shape: str, colour: str, size: int = 14) -> str:
    """A small inline SVG of a vis-network shape, for the legend (no external images)."""
    s = size
    h = s / 2
    fill = f'fill="{colour}" stroke="#555" stroke-width="0.8"'
    if shape in {"dot", "ellipse"}:
        rx = h - 1 if shape == "dot" else h - 0.5
        ry = h - 1 if shape == "dot" else h / 1.6
        body = f'<ellipse cx="{h}" cy="{h}" rx="{rx}" ry="{ry}" {fill}/>'
    elif shape in {"square", "box", "database", "text"}:
        radius = 3 if shape in {"box", "database"} else 0
        body = f'<rect x="1" y="{s * 0.2}" width="{s - 2}" height="{s * 0.6}" rx="{radius}" {fill}/>'
        if shape == "text":
            body = f'<text x="1" y="{s - 3}" font-size="{s - 3}" fill="{colour}">T</text>'
    elif shape == "diamond":
        body = f'<polygon points="{h},1 {s - 1},{h} {h},{s - 1} 1,{h}" {fill}/>'
    elif shape == "triangle":
        body = f'<polygon points="{h},1 {s - 1},{s - 1} 1,{s - 1}" {fill}/>'
    elif shape == "triangleDown":
        body = f'<polygon points="1,1 {s - 1},1 {h},{s - 1}" {fill}/>'
    elif shape == "hexagon":
        q = s / 4
        body = f'<polygon points="{q},1 {s - q},1 {s - 1},{h} {s - q},{s - 1} {q},{s - 1} 1,{h}" {fill}/>'
    elif shape == "star":
        body = (
            f'<polygon points="{h},0.5 {h + 1.8},{h - 1.8} {s - 0.5},{h - 1.5} {h + 2.6},{h + 1.2} '
            f"{h + 3.9},{s - 0.5} {h},{h + 3} {h - 3.9},{s - 0.5} {h - 2.6},{h + 1.2} 0.5,{h - 1.5} "
            f'{h - 1.8},{h - 1.8}" {fill}/>'
        )
    else:
        body = f'<circle cx="{h}" cy="{h}" r="{h - 1}" {fill}/>'
    svg = f'<svg class="ukg-shape" width="{s}" height="{s}" viewBox="0 0 {s} {s}" aria-hidden="true">'
    return svg + body + "</svg>"


def legend_html(
    classes: Iterable[str],
    years: Mapping[int, str] | None = None,
    edge_types: Iterable[str] = (),
    unknown_year: bool = False,
    lang: str = "zh",
) -> str:
    """The legend of a view: the classes drawn (shape + colour), the year scale and the relationship types
    (named in `lang`: visualizations.lang)."""
    shown = set(classes)
    items = [
        f'<span class="ukg-legend-item" data-class="{style.label}">{shape_svg(style.shape, style.colour)}'
        f"{html.escape(class_name(style.label, style.zh, lang))} <small>{style.label}</small></span>"
        for style in (*NODE_STYLES, DEFAULT_NODE_STYLE)
        if style.label in shown
    ]
    parts = [
        f'<div id="ukg-legend" aria-label="legend"><span class="ukg-legend-title">{translate("类型", lang)}</span>'
        + "".join(items)
    ]
    if years:
        swatches = "".join(
            f'<span class="ukg-legend-item"><span class="ukg-swatch" style="background:{colour}"></span>'
            f"{year}</span>"
            for year, colour in sorted(years.items())
        )
        if unknown_year:
            swatches += (
                '<span class="ukg-legend-item">'
                f'<span class="ukg-swatch" style="background:{UNKNOWN_YEAR_COLOUR}">'
                f"</span>{translate('年份不详', lang)}</span>"
            )
        parts.append(
            '<span class="ukg-break"></span>'
            f'<span class="ukg-legend-title">{translate("首次证据年份（填充色；边框为类型色）", lang)}</span>'
            + swatches
        )
    edge_items = []
    for rel_type in sorted(set(edge_types)):
        style = edge_style(rel_type)
        dash = ' stroke-dasharray="3,2"' if style.dashes else ""
        line = (
            f'<svg width="22" height="8" aria-hidden="true"><line x1="0" y1="4" x2="22" y2="4" '
            f'stroke="{style.colour}" stroke-width="2"{dash}/></svg>'
        )
        name = relation_name(rel_type, style.zh, lang)
        label = f"{html.escape(name)} " if name else ""
        edge_items.append(
            f'<span class="ukg-legend-item">{line}{label}<small>{html.escape(rel_type)}</small></span>'
        )
    if edge_items:
        parts.append(
            f'<span class="ukg-break"></span><span class="ukg-legend-title">{translate("关系", lang)}</span>'
            + "".join(edge_items)
        )
    return "".join(parts) + "</div>"


LEGEND_CSS = """
#ukg-legend{font-size:13px;padding:4px 8px;display:flex;flex-wrap:wrap;gap:4px 12px;align-items:center}
.ukg-break{flex-basis:100%;height:0}
.ukg-legend-title{font-weight:600;color:#444}
.ukg-legend-item{display:inline-flex;align-items:center;gap:4px}
.ukg-legend-item small{color:#888}
.ukg-swatch{display:inline-block;width:12px;height:12px;border-radius:2px}
"""
