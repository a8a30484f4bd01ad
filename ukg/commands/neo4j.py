"""`ukg neo4j start|stop|status` — the bundled Neo4j, or a report on the external one."""

from __future__ import annotations

import typer

from graph_loader.errors import StoreUnavailable
from graph_loader.neo4j import embedded as neo4j_embedded
from graph_loader.neo4j.store import open_driver, server_version
from graph_loader.settings import neo4j_settings

neo4j_app = typer.Typer(help="Start, stop and inspect the embedded Neo4j.", no_args_is_help=True)


@neo4j_app.command("start")
def start_command(
    timeout: float = typer.Option(120.0, help="Seconds to wait for Bolt to answer."),
) -> None:
    """Start the embedded Neo4j in the background (builds the launcher on first use)."""
    settings = neo4j_settings()
    if settings.external:
        typer.echo(f"NEO4J_URI is set ({settings.uri}): using that server, not starting the embedded one")
        return
    instance, started = neo4j_embedded.start(settings.port, timeout=timeout)
    if started:
        home = neo4j_embedded.paths().home
        typer.echo(f"Neo4j started at {instance.uri} (pid {instance.pid}, data {home})")
    else:
        typer.echo(f"Neo4j is already running at {instance.uri} (pid {instance.pid}); nothing to do")


@neo4j_app.command("stop")
def stop_command() -> None:
    """Shut the embedded Neo4j down cleanly."""
    settings = neo4j_settings()
    if settings.external:
        typer.echo(f"NEO4J_URI is set ({settings.uri}): the external server is not ours to stop")
        return
    instance = neo4j_embedded.stop()
    if instance is None:
        typer.echo("Neo4j is not running")
    else:
        typer.echo(f"Neo4j stopped (pid {instance.pid})")


@neo4j_app.command("status")
def status_command() -> None:
    """Report running/stopped, the Bolt URI and the Neo4j version. Exit 3 when stopped."""
    settings = neo4j_settings()
    if not settings.external and neo4j_embedded.read_instance() is None:
        typer.echo(f"stopped (embedded, would listen on {settings.uri})")
        raise typer.Exit(3)
    kind = "external" if settings.external else "embedded"
    try:
        driver = open_driver(settings)
    except StoreUnavailable as error:
        typer.echo(f"not reachable ({kind}): {error}")
        raise typer.Exit(3) from error
    try:
        typer.echo(f"running ({kind}) at {settings.uri}, Neo4j {server_version(driver)}")
    finally:
        driver.close()


def register(app: typer.Typer) -> None:
    app.add_typer(neo4j_app, name="neo4j")
