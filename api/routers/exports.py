"""`GET /export/{format}`: the loaded graph as GraphML (Gephi) or as a zip of two CSV tables (R, pandas).

The reading and the conversion are analytics.graph_selection and analytics.graph_export, which
`ukg export --format graphml|csv` uses too, so the API and the CLI give the same bytes. CSV comes
as one zip holding `nodes.csv` and `edges.csv` rather than one table per request: both tables then
come from the same read of the graph, so every edge end is a row of the node table.
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from analytics.graph_export import to_csv_zip, to_graphml
from analytics.graph_selection import ExportFilterError, check_filters, read_export
from api.deps import Reader
from api.errors import BadParameter
from api.schemas import error_responses

router = APIRouter(tags=["exports"])

GRAPHML_TYPE = "application/graphml+xml"
ZIP_TYPE = "application/zip"
# format → (media type, file name offered to the browser)
FORMATS = {"graphml": (GRAPHML_TYPE, "ukg-graph.graphml"), "csv": (ZIP_TYPE, "ukg-graph-csv.zip")}

_BINARY: dict[str, Any] = {"schema": {"type": "string", "format": "binary"}}
RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "`graphml`: one GraphML file (application/graphml+xml); `csv`: a zip (application/zip) "
        "with `nodes.csv` and `edges.csv`, UTF-8 with a header row. Sent as an attachment.",
        "content": {GRAPHML_TYPE: _BINARY, ZIP_TYPE: _BINARY},
        "headers": {
            "Content-Disposition": {
                "description": 'attachment; filename="ukg-graph.graphml" or "ukg-graph-csv.zip"',
                "schema": {"type": "string"},
            }
        },
    },
    **error_responses(422, 503),
}


@router.get(
    "/export/{format}",
    summary="The graph as GraphML (Gephi) or CSV tables (R, pandas), optionally filtered",
    description="Nodes: every entity and concept (practices, programmes), without evidence, articles, "
    "documents and mentions; attributes `key`, `label` (the name), `class` (most specific ontology class), "
    "`evidence_count` and, where the node has them, `form`, `level`, `carrier_type`, `admin_level`, `city`, "
    "`county`, `category`. Edges: every relationship between them with `type`, `key`, `evidence_count` and, "
    "where present, `year`, `rule`, `confidence`, `level`, `mode`, `title`. With `practice` and/or `region` "
    "the export holds those entities, all their relationships and the nodes at the other ends; with `types` "
    "only relationships of those types and the nodes at their ends. "
    "E.g. `GET /export/graphml?practice=craftsman-school`.",
    response_class=Response,
    responses=RESPONSES,
)
def export_graph(
    reader: Reader,
    format: Literal["graphml", "csv"] = Path(..., description="`graphml` or `csv` (a zip of two tables)"),
    practice: str | None = Query(
        None,
        max_length=200,
        description="only organisations adopting this practice (a category id: any of its practices)",
        examples=["craftsman-school"],
    ),
    region: str | None = Query(
        None,
        max_length=200,
        description="only entities located in or covering this place (key or canonical name) or anything in it",
        examples=["湖州市"],
    ),
    types: str | None = Query(
        None, max_length=1000, description="comma-separated relationship types", examples=["ADOPTS,LOCATED_IN"]
    ),
) -> Response:
    try:
        graph = read_export(reader, check_filters(practice, region, types))
    except ExportFilterError as error:
        raise BadParameter(str(error)) from error
    media_type, filename = FORMATS[format]
    body = to_graphml(graph) if format == "graphml" else to_csv_zip(graph)
    return Response(
        content=body, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{filename}"'}
    )
