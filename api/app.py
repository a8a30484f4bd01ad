"""App factory: routers per resource, error handlers, one Database per app (api.deps)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api.deps import install
from api.errors import install_error_handlers
from api.routers import cypher, diffusion, health, named_queries, resources, views
from graph_loader.settings import Neo4jSettings, neo4j_settings


def create_app(settings: Neo4jSettings | None = None) -> FastAPI:
    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        database.close()

    app = FastAPI(
        title="ukg — Zhejiang trade-union reform knowledge graph",
        description="Named, parameterised Cypher queries over the graph, with evidence; interactive views.",
        version="0.1.0",
        lifespan=lifespan,
    )
    database = install(app, settings or neo4j_settings())
    install_error_handlers(app)
    app.include_router(health.router)
    app.include_router(resources.router)
    app.include_router(named_queries.router)
    app.include_router(cypher.router)
    app.include_router(views.router)
    app.include_router(diffusion.router)
    return app
