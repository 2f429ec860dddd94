"""FastAPI application for the municipal permits and inspections portal."""
from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Final

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.middleware.gzip import GZipMiddleware

from svc.api import admin, documents, health, inspections, payments, permits, status_ws
from svc.cache import close_redis, redis
from svc.clients.gis import GisClient
from svc.clients.notify import NotifyClient
from svc.clients.payments import PaymentsClient
from svc.clients.routing import RoutingClient
from svc.clients.scanner import ClamdScanner
from svc.config import get_settings
from svc.db.pool import close_pool, init_pool
from svc.db.session import SessionFactory, engine
from svc.errors import PortalError
from svc.realtime.hub import InspectorBoard, StatusHub
from svc.repositories.documents import DocumentRepository
from svc.repositories.payments import PaymentRepository
from svc.repositories.permits import PermitRepository
from svc.services.documents import DocumentService
from svc.services.fees import FeeService
from svc.services.payments import PaymentService
from svc.services.permits import PermitService
from svc.services.scheduling import SchedulingService
from svc.workers.sla import run_sla_reminders
from svc.workers.stats import run_nightly_stats

log = logging.getLogger("svc")

REQUEST_TIMEOUT: Final = 30.0
_ROUTERS: Final = (
    permits.router,
    documents.router,
    documents.files_router,
    payments.router,
    inspections.router,
    status_ws.router,
    admin.router,
    health.router,
)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    await init_pool()

    gis = GisClient(settings.gis_base_url)
    routing = RoutingClient(settings.routing_base_url)
    paycity = PaymentsClient(settings.payments_base_url, settings.payments_api_key)
    notify = NotifyClient(settings.notify_base_url)
    opendata = httpx.AsyncClient(base_url="https://data.city.example/api", timeout=30.0)
    scanner = ClamdScanner(settings.clamd_host, settings.clamd_port)

    permit_repo = PermitRepository()
    document_repo = DocumentRepository()
    fee_service = FeeService(SessionFactory)

    app.state.gis = gis
    app.state.fee_service = fee_service
    app.state.permit_service = PermitService(permit_repo, document_repo, gis, fee_service, notify, redis)
    app.state.document_service = DocumentService(document_repo, scanner)
    app.state.payment_service = PaymentService(paycity, PaymentRepository(), permit_repo)
    app.state.scheduling_service = SchedulingService(gis, routing)

    hub = StatusHub(redis)
    await hub.start()
    app.state.status_hub = hub
    app.state.inspector_board = InspectorBoard()

    background: set[asyncio.Task[None]] = set()
    sla_task = asyncio.create_task(run_sla_reminders(notify), name="sla-reminders")
    background.add(sla_task)
    stats_task = asyncio.create_task(run_nightly_stats(opendata), name="nightly-stats")
    background.add(stats_task)

    try:
        yield
    finally:
        for task in background:
            task.cancel()
        for task in background:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await hub.stop()
        for client in (gis, routing, paycity, notify):
            await client.aclose()
        await opendata.aclose()
        await close_pool()
        await close_redis()
        await engine.dispose()


app = FastAPI(title="Permits & Inspections Portal", lifespan=lifespan)
app.add_middleware(GZipMiddleware, minimum_size=1024)
for _router in _ROUTERS:
    app.include_router(_router)


@app.middleware("http")
async def request_deadline(request: Request, call_next):  # type: ignore[no-untyped-def]
    try:
        return await asyncio.wait_for(call_next(request), timeout=REQUEST_TIMEOUT)
    except asyncio.TimeoutError:
        log.warning("request timed out: %s %s", request.method, request.url.path)
        return JSONResponse({"error": "timeout"}, status_code=504)


@app.exception_handler(PortalError)
async def portal_error_handler(request: Request, exc: PortalError) -> JSONResponse:
    if exc.status_code >= 500:
        log.error("upstream failure on %s: %s", request.url.path, exc.message)
    return JSONResponse({"error": exc.code, "message": exc.message}, status_code=exc.status_code)
