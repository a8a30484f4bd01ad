"""`ukg serve` — the research API and views on 127.0.0.1 (uvicorn)."""

from __future__ import annotations

import typer

from graph_loader.neo4j.store import ensure_embedded_running
from graph_loader.settings import neo4j_settings

# One worker process: measured in bench/api.py (docs/performance.md), a second worker on two cores
# only takes CPU from Neo4j and the clients, since cached answers cost the server little.
DEFAULT_WORKERS = 1


def serve(
    host: str = typer.Option("127.0.0.1", help="Interface to bind (loopback by default)."),
    port: int = typer.Option(8000, help="HTTP port."),
    start_neo4j: bool = typer.Option(True, help="Start the embedded Neo4j if it is not running."),
    workers: int = typer.Option(DEFAULT_WORKERS, min=1, max=32, help="Server processes (each has its own cache)."),
) -> None:
    """Serve the API (/docs for OpenAPI, /health, /queries, /views/)."""
    import uvicorn

    from api.app import create_app
    from ukg.build import build_for_jobs

    settings = neo4j_settings()
    if start_neo4j:
        ensure_embedded_running(settings)
    typer.echo(f"ukg API on http://{host}:{port}/  (docs: /docs, health: /health, views: /views/)")
    if workers == 1:
        uvicorn.run(create_app(settings, builder=build_for_jobs), host=host, port=port, log_level="warning")
    else:  # each worker process builds its own app from the same environment (no uploads: one build at a time)
        uvicorn.run("api.app:create_app", factory=True, host=host, port=port, workers=workers, log_level="warning")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
