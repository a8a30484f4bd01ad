"""Colours and shapes per node class, and the legend, shared by every view."""

from __future__ import annotations

from collections.abc import Iterable

# Most specific label first; the first match decides a node's look.
STYLES: tuple[tuple[str, str, str], ...] = (
    ("UnionOrganization", "#d62728", "dot"),
    ("PartyOrganization", "#b8860b", "diamond"),
    ("MassOrganization", "#e377c2", "dot"),
    ("GovernmentBody", "#7f7f7f", "square"),
    ("Enterprise", "#8c564b", "square"),
    ("Alliance", "#9467bd", "hexagon"),
    ("Organization", "#ff9896", "dot"),
    ("Person", "#1f77b4", "ellipse"),
    ("Carrier", "#2ca02c", "triangle"),
    ("AdminArea", "#98df8a", "triangleDown"),
    ("Place", "#98df8a", "triangleDown"),
    ("PracticeCategory", "#ff7f0e", "star"),
    ("Practice", "#ffbb78", "star"),
    ("ServiceBrand", "#17becf", "box"),
    ("Program", "#bcbd22", "database"),
    ("Honor", "#c5b0d5", "text"),
    ("Event", "#c49c94", "box"),
    ("PolicyDocument", "#dbdb8d", "box"),
)
DEFAULT_STYLE = ("#aaaaaa", "dot")


def style_for(labels: Iterable[str]) -> tuple[str, str, str]:
    """(class, colour, shape) for a node with these labels."""
    present = set(labels)
    for label, colour, shape in STYLES:
        if label in present:
            return label, colour, shape
    return "Entity", *DEFAULT_STYLE


def legend_html(classes: Iterable[str]) -> str:
    """A small HTML legend for the classes drawn in a view."""
    shown = set(classes)
    items = [
        f'<span class="ukg-legend-item"><span style="background:{colour}"></span>{label}</span>'
        for label, colour, _ in STYLES
        if label in shown
    ]
    return '<div id="ukg-legend">' + "".join(items) + "</div>"


LEGEND_CSS = """
#ukg-legend{font:13px sans-serif;padding:6px;display:flex;flex-wrap:wrap;gap:10px}
.ukg-legend-item span{display:inline-block;width:12px;height:12px;margin-right:4px;border-radius:6px}
"""
