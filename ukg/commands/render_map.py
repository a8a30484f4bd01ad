"""`ukg render map [PRACTICE] --out FILE.html` — a map view as a self-contained file (inline SVG and
script, no network), the same page as /views/diffusion/map/{practice} or, without a practice, /views/map.

Links in the file (a click on a region) point at --base-url, a running `ukg serve`.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from graph_loader.errors import InputError
from ukg.commands.graph_reader import graph_reader
from visualizations.map_views import count_map_page, practice_map_page
from visualizations.model import Links
from visualizations.views import ViewNotFound


def render_map(practice: str | None, out: Path, base_url: str, start_neo4j: bool = True, lang: str = "zh") -> None:
    """Write the practice's adoption map, or practices per county without a practice, in `lang` (zh, en)."""
    links = Links(base=base_url.rstrip("/"), lang=lang)
    try:
        with graph_reader(start_neo4j) as reader:
            page = practice_map_page(reader, practice, links) if practice else count_map_page(reader, links)
    except ViewNotFound as error:
        raise InputError(str(error)) from None
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    what = f"the map of {practice}" if practice else "the map of practices per county"
    Console(stderr=True).print(f"wrote {out} ({what})", highlight=False)
