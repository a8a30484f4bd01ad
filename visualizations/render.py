"""Turn a ViewGraph into one self-contained HTML page: pyvis builds the network, our template lays it out.

vis-network's JavaScript and CSS (shipped inside pyvis) are inlined, and nothing else is loaded, so a
page works from disk with the network off. Every node shows its Chinese name and its class (colour and
shape, with a legend); hovering shows its aliases, properties and evidence; a click opens its view.
The pyvis network itself is built in visualizations.network.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import orjson
import pyvis
from jinja2 import Environment, FileSystemLoader, Template, select_autoescape
from markupsafe import Markup

from visualizations.curate_panel import entity_edge_choices
from visualizations.lang import PROP_LABELS_EN, relation_name
from visualizations.model import PROP_LABELS, PROP_VALUES, Links, ViewEdge, ViewGraph, ViewNode
from visualizations.network import build_network
from visualizations.style import (
    FONT_FACE,
    LEGEND_CSS,
    NODE_STYLES,
    edge_style,
    legend_html,
    shape_svg,
    year_colours,
)

TEMPLATES = Path(__file__).resolve().parent / "templates"
VIS_DIR = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"
RELATIONS_PER_NODE = 8  # relationships listed in a node's details panel


@cache
def _environment() -> Environment:
    environment = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    # `tojson` writes the page's data as UTF-8 (orjson) instead of \uXXXX escapes: a third of the
    # bytes for Chinese text; Jinja still escapes <, >, & and ' after it, so no </script> can occur.
    environment.policies["json.dumps_function"] = _json_text
    environment.policies["json.dumps_kwargs"] = {}
    return environment


def template(name: str) -> Template:
    """A page template of the views' environment (autoescape, UTF-8 `tojson`), for pages built elsewhere."""
    return _environment().get_template(name)


def _json_text(value: Any) -> str:
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()


@cache
def vis_assets() -> tuple[Markup, Markup]:
    """vis-network's JS and CSS, to inline (a `</script` inside them would end the tag early: none does)."""
    js = (VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")
    css = (VIS_DIR / "vis-network.css").read_text(encoding="utf-8")
    if "</script" in js.lower() or "</style" in css.lower():
        raise RuntimeError("vis-network assets cannot be inlined safely")
    return Markup(js), Markup(css)


def _prop_value(name: str, value: Any, lang: str = "zh") -> str:
    if isinstance(value, list):
        return "、".join(map(str, value))
    zh = PROP_VALUES.get(name, {}).get(str(value)) if lang == "zh" else None
    return f"{zh}（{value}）" if zh else str(value)


def _node_url(node: ViewNode, links: Links) -> str | None:
    """Where a click on the node goes: its entity view (keys are `class/name`); plain names go nowhere."""
    return links.entity(node.key) if "/" in node.key else None


def _node_details(node: ViewNode, links: Links, relations: list[dict[str, Any]]) -> dict[str, Any]:
    style = node.style
    labels = PROP_LABELS_EN if links.lang == "en" else PROP_LABELS
    props = [[labels.get(k, k), _prop_value(k, v, links.lang)] for k, v in sorted(node.props.items())]
    if node.year is not None:
        props.insert(0, [links.t("首次证据年份"), node.year])
    if node.city and node.role == "adopter":
        props.insert(0, [links.t("所在城市"), node.city])
    props[:0] = [[links.t(label), value] for label, value in (("中文", node.name_zh), ("拼音", node.pinyin)) if value]
    return {
        "key": node.key,
        "name": node.name,
        "class": style.label,
        "classZh": links.cls(style),
        "colour": style.colour,
        "aliases": node.aliases,
        "props": props,
        "evidence": node.evidence,
        "evidenceCount": node.evidence_count,
        "relations": relations[:RELATIONS_PER_NODE],
        "relationCount": len(relations),
        "url": _node_url(node, links),
    }


def _relations(graph: ViewGraph, links: Links) -> dict[str, list[dict[str, Any]]]:
    """Per node, the drawn relationships that touch it, with the other end and the evidence."""
    names = {node.key: node.name for node in graph.nodes}
    found: dict[str, list[dict[str, Any]]] = {node.key: [] for node in graph.nodes}
    for edge in sorted(graph.edges, key=lambda e: (not e.evidence, e.type)):
        zh = links.rel(edge.type)
        for own, other, direction in ((edge.source, edge.target, "out"), (edge.target, edge.source, "in")):
            found[own].append(
                {
                    "type": edge.type,
                    "zh": zh,
                    "direction": direction,
                    "other": names[other],
                    "evidence": edge.evidence[:1],
                    "derived": edge.derived,
                    "rejected": edge.rejected,
                }
            )
    return found


def _field_html(graph: ViewGraph) -> list[dict[str, Any]]:
    """The filter form's fields, with each option's checked/selected state decided here."""
    fields = []
    for field in graph.form:
        values = field.value if isinstance(field.value, list) else [field.value]
        fields.append(
            {
                "name": field.name,
                "label": field.label,
                "kind": field.kind,
                "value": field.value,
                "required": field.required,
                "help": field.help,
                "options": [
                    {"value": v, "label": label, "checked": v in [str(x) for x in values]} for v, label in field.options
                ],
            }
        )
    return fields


def render_view(graph: ViewGraph, links: Links = Links(), standalone: bool = False) -> str:
    """The HTML page of a view. `standalone` for exported files: links then point at `links.base`."""
    network = build_network(graph)
    vis_nodes, vis_edges, _heading, _height, _width, options = network.get_network_data()
    relations = _relations(graph, links)
    details = {node.key: _node_details(node, links, relations[node.key]) for node in graph.nodes}
    edge_details = {
        f"e{number}": {
            "type": edge.type,
            "zh": relation_name(edge.type, edge_style(edge.type).zh, links.lang),
            "evidence": edge.evidence,
            "derived": edge.derived,
        }
        for number, edge in enumerate(graph.edges)
    }
    years = year_colours(node.year for node in graph.nodes) if graph.colour_by == "year" else {}
    unknown_year = graph.colour_by == "year" and any(n.year is None and n.role == "adopter" for n in graph.nodes)
    payload = {
        "view": {**graph.to_json(), "nodes": None, "edges": None},
        "nodes": vis_nodes,
        "edges": vis_edges,
        "options": json.loads(options),
        "details": details,
        "edgeDetails": edge_details,
    }
    vis_js, vis_css = vis_assets()
    return (
        _environment()
        .get_template("view.html")
        .render(
            graph=graph,
            fields=_field_html(graph),
            legend=Markup(
                legend_html(
                    {n.style.label for n in graph.nodes}, years, {e.type for e in graph.edges}, unknown_year, links.lang
                )
            ),
            legend_css=Markup(LEGEND_CSS),
            payload=payload,
            links=links,
            standalone=standalone,
            edge_choices=[] if standalone else entity_edge_choices(graph),
            vis_js=vis_js,
            vis_css=vis_css,
            font_face=Markup(FONT_FACE),
        )
    )


def render_message(title: str, message: str, links: Links = Links(), status: int = 200) -> str:
    """A plain page for errors (unknown entity, bad parameter …), styled like the views."""
    return (
        _environment()
        .get_template("message.html")
        .render(
            title=title,
            message=message,
            links=links,
            status=status,
            font_face=Markup(FONT_FACE),
        )
    )


def render_index(
    data: Mapping[str, Any],
    links: Links = Links(),
    query: str = "",
    hits: Iterable[Mapping[str, Any]] | None = None,
) -> str:
    """The index page: full-text search over names and aliases, and links to every kind of view."""
    practices = list(data["practices"])
    categories: dict[str, list[Mapping[str, Any]]] = {}
    for practice in practices:
        categories.setdefault(practice.get("category") or "", []).append(practice)
    classes = [
        {"label": s.label, "zh": links.cls(s), "colour": s.colour, "svg": shape_svg(s.shape, s.colour)}
        for s in NODE_STYLES
    ]
    return (
        _environment()
        .get_template("index.html")
        .render(
            categories=categories,
            regions=list(data["regions"]),
            queries=list(data["queries"]),
            links=links,
            query=query,
            hits=list(hits) if hits is not None else None,
            classes=classes,
            class_svgs={c["label"]: Markup(c["svg"]) for c in classes},
            font_face=Markup(FONT_FACE),
            legend_css=Markup(LEGEND_CSS),
        )
    )


def render_graph(
    nodes: Iterable[Mapping[str, Any]],
    edges: Iterable[Mapping[str, Any]],
    title: str,
    height: str = "800px",  # kept for callers of the first version; the page sizes the canvas itself
    links: Links = Links(),
) -> str:
    """HTML for plain {key, name, labels} nodes and {source, target, type} edges (no evidence), in the
    language of `links` (concepts by their English labels, names with pinyin, as every view)."""
    node_list = [ViewNode.from_row(dict(node)) for node in nodes]
    graph = ViewGraph(
        view="graph",
        title=title,
        nodes=node_list,
        edges=[ViewEdge.from_row(dict(edge)) for edge in edges],
        total=len(node_list),
        max_nodes=max(len(node_list), 1),
    )
    return render_view(graph.finish().in_language(links.lang), links)
