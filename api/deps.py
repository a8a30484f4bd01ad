"""FastAPI dependencies: the settings, the database and the query reader of this app.

Why dependencies instead of `request.app.state` in every router: a route declares what it
needs in its signature (`reader: Reader`), and `create_app(settings=…)` installs the one
Database per app here, so the routers never know where it lives.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, FastAPI, Request

from graph_loader.curation.log import CurationLog
from graph_loader.curation.tokens import TokenStore
from graph_loader.neo4j.database import Database
from graph_loader.settings import Neo4jSettings
from queries import QueryReader


def install(app: FastAPI, settings: Neo4jSettings) -> Database:
    """Give `app` its settings, its single lazily-connecting Database (returned for closing), and
    the curation log and tokens of the state directory."""
    database = Database(settings)
    app.state.settings = settings
    app.state.database = database
    app.state.curation_log = CurationLog()
    app.state.tokens = TokenStore()
    return database


def get_settings(request: Request) -> Neo4jSettings:
    return request.app.state.settings


def get_database(request: Request) -> Database:
    return request.app.state.database


def get_curation_log(request: Request) -> CurationLog:
    return request.app.state.curation_log


def get_reader(database: Annotated[Database, Depends(get_database)]) -> QueryReader:
    return QueryReader(database.read)


Settings = Annotated[Neo4jSettings, Depends(get_settings)]
Db = Annotated[Database, Depends(get_database)]
Reader = Annotated[QueryReader, Depends(get_reader)]
Log = Annotated[CurationLog, Depends(get_curation_log)]
