from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
from collections.abc import AsyncIterator

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from prometheus_client import make_asgi_app

from procurement.clients.fx_client import fx_client
from procurement.clients.mailer import EmployeeDirectory
from procurement.clients.supplier_api import SupplierGateway
from procurement.db import engine, pg
from procurement.redis_client import close_redis, get_redis, init_redis
from procurement.routers import admin, approvals, budgets, catalogue, invoices, purchase_orders, requisitions, rfqs, suppliers
from procurement.services.fx_service import ConversionUnavailable
from procurement.workers import bid_closer, catalogue_refresh, dunning_worker, edi_relay
from procurement.ws import bid_board, supplier_events

log = logging.getLogger("procurement")

HR_DIRECTORY_URL = "https://hr-directory.internal/api"


def configure_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("httpx").setLevel(logging.WARNING)


def _log_task_exit(task: asyncio.Task) -> None:
    if task.cancelled():
        return
    exc = task.exception()
    if exc is not None:
        log.error("background task %s died", task.get_name(), exc_info=exc)


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    configure_logging()
    engine.init_engine()
    await pg.open_pool()
    init_redis()
    await fx_client.start()
    app.state.gateway = SupplierGateway()
    app.state.directory_http = httpx.AsyncClient(timeout=httpx.Timeout(5.0, connect=2.0))
    app.state.directory = EmployeeDirectory(HR_DIRECTORY_URL, app.state.directory_http)
    edi = edi_relay.EDIClient()
    stop = asyncio.Event()

    tasks = [
        asyncio.create_task(edi_relay.run(edi, stop), name="edi-relay"),
        asyncio.create_task(dunning_worker.run(app.state.gateway), name="dunning"),
        asyncio.create_task(bid_closer.run(), name="bid-closer"),
        asyncio.create_task(catalogue_refresh.run_forever(), name="catalogue-refresh"),
    ]
    for task in tasks:
        task.add_done_callback(_log_task_exit)
    try:
        yield
    finally:
        stop.set()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await edi.aclose()
        await app.state.gateway.aclose()
        await app.state.directory_http.aclose()
        await fx_client.close()
        await close_redis()
        await pg.close_pool()
        await engine.dispose_engine()


def create_app() -> FastAPI:
    app = FastAPI(title="Procurement API", version="2.3.0", lifespan=lifespan)
    for module in (requisitions, approvals, rfqs, purchase_orders, invoices, catalogue, budgets, suppliers, admin):
        app.include_router(module.router)
    app.include_router(bid_board.router)
    app.include_router(supplier_events.router)
    app.mount("/metrics", make_asgi_app())

    @app.exception_handler(ConversionUnavailable)
    async def fx_unavailable(request: Request, exc: ConversionUnavailable) -> JSONResponse:
        log.warning("fx unavailable on %s: %s", request.url.path, exc)
        return JSONResponse({"detail": "currency conversion temporarily unavailable"}, status_code=503)

    @app.get("/livez", tags=["health"])
    async def livez() -> dict[str, str]:
        return {"status": "alive"}

    @app.get("/readyz", tags=["health"])
    async def readyz() -> dict[str, str]:
        return {"status": "ready"}

    @app.get("/healthz/deep", tags=["health"])
    async def deep_health() -> JSONResponse:
        checks: dict[str, str] = {}
        try:
            await asyncio.wait_for(engine.ping(), timeout=2)
            checks["postgres"] = "ok"
        except Exception as exc:
            checks["postgres"] = f"error: {type(exc).__name__}"
        try:
            await asyncio.wait_for(get_redis().ping(), timeout=1)
            checks["redis"] = "ok"
        except Exception as exc:
            checks["redis"] = f"error: {type(exc).__name__}"
        healthy = all(v == "ok" for v in checks.values())
        return JSONResponse({"status": "ok" if healthy else "degraded", "checks": checks}, status_code=200 if healthy else 503)

    return app


app = create_app()
