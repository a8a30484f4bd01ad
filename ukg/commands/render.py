"""`ukg render VIEW [ARG] --out FILE.html` — one view as a self-contained HTML file that works offline.

The same builders as the API's /views/… pages (visualizations.views); vis-network is inlined, so the
file opens from disk with no network. Links and filters in it point at a running `ukg serve`
(--base-url), the only thing that cannot work offline.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from graph_loader.errors import InputError
from ukg.commands.graph_reader import graph_reader
from ukg.commands.render_map import render_map

if TYPE_CHECKING:
    from queries import QueryReader
    from visualizations.model import Links, ViewGraph

VIEW_HELP = "entity KEY | practice ID | region PLACE | query NAME | overview | map [PRACTICE]"


def _parse_params(items: list[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise InputError(f"--param wants NAME=VALUE, got {item!r}")
        params[name.strip()] = value
    return params


def build_view(
    view: str,
    arg: str | None,
    reader: QueryReader,
    links: Links,
    *,
    depth: int,
    types: list[str],
    expand: bool,
    practices: bool,
    party: bool,
    params: dict[str, str],
    max_nodes: int,
    limit: int,
) -> ViewGraph:
    from visualizations import views

    if view != "overview" and not arg:
        raise InputError(f"`ukg render {view}` needs an argument: {VIEW_HELP}")
    if view == "entity":
        return views.entity_view(reader, arg, depth, types or None, max_nodes, links)
    if view == "practice":
        return views.practice_view(reader, arg, expand, max_nodes, links)
    if view == "region":
        return views.region_view(reader, arg, practices, party, max_nodes, links)
    if view == "query":
        return views.query_view(reader, arg, params, max_nodes, links)
    if view == "overview":
        return views.overview_view(reader, limit, links)
    raise InputError(f"unknown view {view!r}; use one of: {VIEW_HELP}")


def render(
    view: Annotated[str, typer.Argument(help=f"Which view: {VIEW_HELP}.")],
    arg: Annotated[
        str | None, typer.Argument(help="The entity key, practice id, place or query name.")
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write.")] = Path("view.html"),
    depth: Annotated[int, typer.Option(min=1, max=2, help="entity: neighbours to depth 1 or 2.")] = 1,
    types: Annotated[
        list[str] | None, typer.Option("--types", help="entity: relationship types (repeat or A,B).")
    ] = None,
    expand: Annotated[bool, typer.Option("--expand", help="practice: include narrower concepts.")] = False,
    practices: Annotated[bool, typer.Option(help="region: include adopted practices.")] = True,
    party: Annotated[bool, typer.Option(help="region: include party-building links.")] = True,
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="query: NAME=VALUE (repeat).")
    ] = None,
    max_nodes: Annotated[int, typer.Option(min=1, max=2000, help="Draw at most this many nodes.")] = 300,
    limit: Annotated[int, typer.Option(min=1, max=2000, help="overview: how many entities.")] = 200,
    base_url: Annotated[
        str, typer.Option(help="Where links and filters in the file point (a `ukg serve`).")
    ] = "http://127.0.0.1:8000",
    start_neo4j: Annotated[bool, typer.Option(help="Start the embedded Neo4j if it is not running.")] = True,
    lang: Annotated[
        str, typer.Option(help="zh, or en: concepts by their English labels, names with pinyin, English UI.")
    ] = "zh",
) -> None:
    """Write one view as a single HTML file (vis-network inlined: opens from disk, offline)."""
    from neo4j.exceptions import ClientError

    from queries import BadQueryParameter
    from visualizations import views
    from visualizations.lang import LANGS
    from visualizations.model import Links
    from visualizations.render import render_view
    from visualizations.views import ViewNotFound

    if lang not in LANGS:
        raise InputError(f"--lang wants one of {', '.join(LANGS)}, got {lang!r}")
    if view == "map":  # inline SVG, not a graph view (ukg.commands.render_map)
        render_map(arg, out, base_url, start_neo4j, lang)
        return
    if view not in views.VIEWS:
        raise InputError(f"unknown view {view!r}; use one of: {VIEW_HELP}")
    links = Links(base=base_url.rstrip("/"), lang=lang)
    try:
        with graph_reader(start_neo4j) as reader:
            graph = build_view(
                view,
                arg,
                reader,
                links,
                depth=depth,
                types=types or [],
                expand=expand,
                practices=practices,
                party=party,
                params=_parse_params(param or []),
                max_nodes=max_nodes,
                limit=limit,
            )
    except (ViewNotFound, BadQueryParameter) as error:
        raise InputError(str(error)) from None
    except ClientError as error:
        raise InputError(f"the query cannot run: {error.message}") from None
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_view(graph.in_language(lang), links, standalone=True), encoding="utf-8")
    note = f"; {graph.total} matched, over the limit — filter or raise --max-nodes" if graph.truncated else ""
    Console(stderr=True).print(
        f"wrote {out} ({len(graph.nodes)} nodes, {len(graph.edges)} edges{note})", highlight=False
    )


def register(app: typer.Typer) -> None:
    app.command("render")(render)
