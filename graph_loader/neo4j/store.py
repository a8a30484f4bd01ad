"""Connections to Neo4j: the embedded default or an external server named by NEO4J_URI.

Only the writer and the query registry use the driver this returns.

Why two sets of timeouts: a reader (the API) must answer 503 within a few seconds when Neo4j has
died, so its driver gives up connecting after READER_CONNECT_SECONDS and retries a failed read for
at most READER_RETRY_SECONDS (the driver's default, 30 s, is what made the first request after a
crash take over half a minute). The writer keeps the driver's patient defaults: a load is long
anyway, and retrying a transient error there saves a re-run.
"""

from __future__ import annotations

from typing import Any

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


READER_CONNECT_SECONDS = 2.0
READER_RETRY_SECONDS = 0.5
READER_ACQUIRE_SECONDS = 2.5


def open_driver(settings: Neo4jSettings | None = None, reader: bool = False) -> Driver:
    """A verified driver, or StoreUnavailable naming the URI and how to fix it.

    `reader=True` gives the short timeouts of a request-serving process (see the module docstring).
    """
    settings = settings or neo4j_settings()
    options: dict[str, Any] = {}
    if reader:
        options = {
            "connection_timeout": READER_CONNECT_SECONDS,
            "connection_acquisition_timeout": READER_ACQUIRE_SECONDS,
            "max_transaction_retry_time": READER_RETRY_SECONDS,
        }
    driver = GraphDatabase.driver(
        settings.uri,
        auth=settings.credentials(),
        notifications_min_severity="OFF",  # "property does not exist yet" warnings are noise on a fresh graph
        **options,
    )
    try:
        driver.verify_connectivity()
    except AuthError as error:
        driver.close()
        source = "NEO4J_USER/NEO4J_PASSWORD" if settings.external else f"the password in {settings.password_file}"
        raise StoreUnavailable(f"Neo4j at {settings.uri} refused the credentials ({source})") from error
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
