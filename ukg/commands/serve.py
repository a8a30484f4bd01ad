"""`ukg serve` — the research API and views on 127.0.0.1 (uvicorn)."""

from __future__ import annotations

import typer

from graph_loader.neo4j.store import ensure_embedded_running
from graph_loader.settings import neo4j_settings


def serve(
    host: str = typer.Option("127.0.0.1", help="Interface to bind (loopback by default)."),
    port: int = typer.Option(8000, help="HTTP port."),
    start_neo4j: bool = typer.Option(True, help="Start the embedded Neo4j if it is not running."),
) -> None:
    """Serve the API (/docs for OpenAPI, /health, /queries, /views/)."""
    import uvicorn

    from api.app import create_app

    settings = neo4j_settings()
    if start_neo4j:
        ensure_embedded_running(settings)
    typer.echo(f"ukg API on http://{host}:{port}/  (docs: /docs, health: /health, views: /views/)")
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
