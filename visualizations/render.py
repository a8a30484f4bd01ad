"""Turn {nodes, edges} rows into a self-contained pyvis HTML page (JS and CSS inlined)."""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from typing import Any

from pyvis.network import Network

from visualizations.style import LEGEND_CSS, legend_html, style_for


def render_graph(
    nodes: Iterable[Mapping[str, Any]],
    edges: Iterable[Mapping[str, Any]],
    title: str,
    height: str = "800px",
) -> str:
    """HTML for a graph; every node shows its Chinese name, its class by colour/shape, and a tooltip."""
    network = Network(height=height, width="100%", directed=True, cdn_resources="in_line", notebook=False)
    classes: set[str] = set()
    node_keys: set[str] = set()
    for node in nodes:
        cls, colour, shape = style_for(node.get("labels") or [])
        classes.add(cls)
        node_keys.add(node["key"])
        tooltip = f"{node.get('name') or node['key']}\n{cls}"
        network.add_node(node["key"], label=node.get("name") or node["key"], color=colour, shape=shape, title=tooltip)
    for edge in edges:
        if edge["source"] in node_keys and edge["target"] in node_keys:
            network.add_edge(edge["source"], edge["target"], title=edge["type"], label=edge["type"], arrows="to")
    network.toggle_physics(True)
    page = network.generate_html(notebook=False)
    header = f"<style>{LEGEND_CSS}</style><h2 style='font:18px sans-serif'>{html.escape(title)}</h2>"
    header += legend_html(classes)
    return page.replace("<body>", "<body>" + header, 1)
