"""Connections to Neo4j: the embedded default or an external server named by NEO4J_URI.

Only the writer and the query registry use the driver this returns.
"""

from __future__ import annotations

from neo4j import Driver, GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable

from graph_loader.errors import StoreUnavailable
from graph_loader.neo4j import embedded as neo4j_embedded
from graph_loader.settings import Neo4jSettings, neo4j_settings


def ensure_embedded_running(settings: Neo4jSettings | None = None, quiet: bool = False) -> None:
    """Start the embedded Neo4j when it is the configured store and not yet running."""
    settings = settings or neo4j_settings()
    if settings.external:
        return
    instance, started = neo4j_embedded.start(settings.port)
    if started and not quiet:
        print(f"started embedded Neo4j at {instance.uri} (pid {instance.pid})")


def open_driver(settings: Neo4jSettings | None = None) -> Driver:
    """A verified driver, or StoreUnavailable naming the URI and how to fix it."""
    settings = settings or neo4j_settings()
    driver = GraphDatabase.driver(
        settings.uri,
        auth=(settings.user, settings.password),
        notifications_min_severity="OFF",  # "property does not exist yet" warnings are noise on a fresh graph
    )
    try:
        driver.verify_connectivity()
    except AuthError as error:
        driver.close()
        raise StoreUnavailable(
            f"Neo4j at {settings.uri} refused the credentials (NEO4J_USER/NEO4J_PASSWORD)"
        ) from error
    except (ServiceUnavailable, OSError, ValueError) as error:
        driver.close()
        hint = "check NEO4J_URI" if settings.external else "start it with `ukg neo4j start`"
        raise StoreUnavailable(f"Neo4j is not reachable at {settings.uri}; {hint}") from error
    return driver


def server_version(driver: Driver) -> str:
    records, _, _ = driver.execute_query(
        "CALL dbms.components() YIELD name, versions, edition RETURN versions[0] AS version, edition"
    )
    return f"{records[0]['version']} {records[0]['edition']}"
