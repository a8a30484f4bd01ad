"""The pyvis network of a view: one node per entity styled by its class (or year), one edge per relation.

Why apart from the page (visualizations.render): building the network decides how a graph is drawn
(colours, shapes, edge labels, the physics that lays it out), while the page decides what surrounds it
(details panel, filters, legend); the diffusion views draw their own graphs through the same network.
"""

from __future__ import annotations

from typing import Any

from pyvis.network import Network

from visualizations.lang import relation_name
from visualizations.model import ViewGraph
from visualizations.style import FONT_FACE, REJECTED_COLOUR, UNKNOWN_YEAR_COLOUR, edge_style, year_colours

EDGE_LABELS_UP_TO = 60  # draw relationship names on edges only in small graphs


def _options(node_count: int) -> dict[str, Any]:
    return {
        "nodes": {
            "font": {"face": FONT_FACE, "size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"},
            "borderWidth": 2,
            "size": 16,
        },
        "edges": {
            "smooth": {"enabled": True, "type": "continuous", "roundness": 0.4},
            "font": {"face": FONT_FACE, "size": 10, "color": "#555555", "strokeWidth": 2, "align": "middle"},
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "color": {"inherit": False},
            "width": 1.2,
        },
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": node_count > 150},
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -70,
                "springLength": 110,
                "springConstant": 0.06,
                "avoidOverlap": 0.3,
            },
            "stabilization": {
                "enabled": True,
                "iterations": 300 if node_count > 150 else 500,
                "updateInterval": 20,
                "fit": True,
            },
        },
        "layout": {"improvedLayout": node_count <= 100, "randomSeed": 7},
    }


def build_network(graph: ViewGraph) -> Network:
    """The pyvis network of a view: a node per entity, styled by class (and year); an edge per relation."""
    network = Network(height="100%", width="100%", directed=True, cdn_resources="in_line", notebook=False)
    years = year_colours(node.year for node in graph.nodes) if graph.colour_by == "year" else {}
    for node in graph.nodes:
        style = node.style
        colour: dict[str, Any] = {
            "background": style.colour,
            "border": "#444444",
            "highlight": {"background": style.colour, "border": "#000000"},
            "hover": {"background": style.colour, "border": "#000000"},
        }
        border = 1.5
        if graph.colour_by == "year" and node.role == "adopter":
            fill = years.get(node.year, UNKNOWN_YEAR_COLOUR) if node.year is not None else UNKNOWN_YEAR_COLOUR
            colour = {
                "background": fill,
                "border": style.colour,
                "highlight": {"background": fill, "border": "#000000"},
                "hover": {"background": fill, "border": "#000000"},
            }
            border = 4
        extra: dict[str, Any] = {"borderWidth": border}
        if node.focus:
            extra = {
                "size": 28,
                "font": {"size": 18, "face": FONT_FACE, "bold": True},
                "borderWidth": max(border, 3),
            }
        network.add_node(node.key, label=node.name, shape=style.shape, color=colour, **extra)
    label_edges = len(graph.edges) <= EDGE_LABELS_UP_TO
    for number, edge in enumerate(graph.edges):
        style = edge_style(edge.type)
        label = {"label": relation_name(edge.type, style.zh, graph.lang) or edge.type} if label_edges else {}
        network.add_edge(
            edge.source,
            edge.target,
            id=f"e{number}",
            color=REJECTED_COLOUR if edge.rejected else style.colour,
            dashes=style.dashes or edge.rejected,
            relType=edge.type,
            width=1 if edge.derived else 1.5,
            **label,
        )
    network.options = _options(len(graph.nodes))
    return network
