from __future__ import annotations

import asyncio
import logging
import time
import uuid
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from docflow.clients.mailer import mailer
from docflow.clients.renderer import renderer
from docflow.clients.search import search_client
from docflow.config import get_settings
from docflow.db.engine import dispose_engine, init_engine
from docflow.db.raw import raw_pool
from docflow.errors import DocflowError
from docflow.observability import HTTP_LATENCY, configure_logging, request_id_var
from docflow.realtime.hub import hub
from docflow.realtime.ws_endpoint import router as ws_router
from docflow.redis_client import close_redis, open_redis
from docflow.routers import admin, attachments, comments, documents, exports, health, search, webhooks, workspaces
from docflow.workers import runner

log = logging.getLogger(__name__)


@asynccontextmanager
async def lifespan(app: FastAPI):
    settings = get_settings()
    configure_logging("DEBUG" if settings.env == "dev" else "INFO")
    init_engine()
    await raw_pool.open()
    await open_redis()
    await mailer.start()
    await hub.start()
    stop = asyncio.Event()
    tasks = runner.start_all(stop) if settings.env == "dev" else []
    try:
        yield
    finally:
        stop.set()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await hub.stop()
        await renderer.aclose()
        await search_client.aclose()
        await mailer.close()
        await close_redis()
        await raw_pool.close()
        await dispose_engine()


def create_app() -> FastAPI:
    app = FastAPI(title="Docflow", lifespan=lifespan)

    @app.middleware("http")
    async def request_context(request: Request, call_next):
        rid = request.headers.get("x-request-id") or uuid.uuid4().hex
        token = request_id_var.set(rid)
        started = time.perf_counter()
        try:
            response = await call_next(request)
        finally:
            request_id_var.reset(token)
        route = request.scope.get("route")
        HTTP_LATENCY.labels(getattr(route, "path", "unmatched"), request.method).observe(
            time.perf_counter() - started
        )
        response.headers["x-request-id"] = rid
        return response

    @app.exception_handler(DocflowError)
    async def docflow_error(request: Request, exc: DocflowError) -> JSONResponse:
        return JSONResponse(
            {"error": exc.code, "message": exc.message, **exc.detail}, status_code=exc.status_code
        )

    for module in (workspaces, documents, comments, attachments, search, exports, webhooks, admin):
        app.include_router(module.router, prefix="/api/v1")
    app.include_router(health.router)
    app.include_router(ws_router)
    return app


app = create_app()
