"""Application factory and lifespan wiring."""
from __future__ import annotations

import logging
import time
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from freightline.clients.fmcsa import FmcsaClient
from freightline.clients.ocr import OcrClient
from freightline.clients.payments import PaymentsClient
from freightline.clients.rates import DatClient, TruckstopClient
from freightline.clients.storage import DocumentStorage
from freightline.config import get_settings
from freightline.container import Services, create_redis
from freightline.db.engine import dispose_engine, init_engine
from freightline.repositories.positions import create_positions_pool
from freightline.metrics import HTTP_LATENCY
from freightline.routers import admin, bids, carriers, documents, health, loads, quotes, tracking
from freightline.services.compliance import ComplianceError
from freightline.workers.runner import WorkerRunner
from freightline.ws import tracking_feed

logger = logging.getLogger("freightline")


@asynccontextmanager
async def lifespan(app: FastAPI):
    settings = get_settings()
    init_engine(settings)
    ocr = OcrClient(settings)
    await ocr.start()
    services = Services(
        settings=settings,
        redis=create_redis(settings),
        positions_pool=await create_positions_pool(settings),
        webhook_http=httpx.AsyncClient(timeout=httpx.Timeout(5.0, connect=2.0)),
        dat=DatClient(settings),
        truckstop=TruckstopClient(settings),
        fmcsa=FmcsaClient(settings),
        ocr=ocr,
        payments=PaymentsClient(settings),
        storage=DocumentStorage(settings),
    )
    app.state.services = services
    app.state.hub = services.hub
    app.state.redis = services.redis
    runner = WorkerRunner(services, settings)
    runner.start()
    logger.info("freightline started")
    try:
        yield
    finally:
        await runner.stop()
        await services.aclose()
        await dispose_engine()


def create_app() -> FastAPI:
    app = FastAPI(title="freightline", version="2.7.0", lifespan=lifespan)

    @app.middleware("http")
    async def timing(request: Request, call_next):
        started = time.perf_counter()
        response = await call_next(request)
        route = request.scope.get("route")
        HTTP_LATENCY.labels(getattr(route, "path", "unmatched"), request.method).observe(time.perf_counter() - started)
        return response

    @app.exception_handler(ComplianceError)
    async def compliance_error(request: Request, exc: ComplianceError) -> JSONResponse:
        return JSONResponse(status_code=403, content={"detail": str(exc)})

    for module in (loads, bids, quotes, tracking, documents, carriers, admin, health):
        app.include_router(module.router)
    app.include_router(tracking_feed.router)
    return app


app = create_app()
