"""ASGI entry point: ``uvicorn svc.main:app``."""
from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
import logging
import time
import uuid

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from svc.api import applications, dashboard, documents, listings, ops, searches
from svc.cache import redis_holder
from svc.clients.credit_bureau import CreditBureauClient
from svc.clients.identity import IdentityClient
from svc.clients.internal import DocumentScanner, notifier
from svc.config import settings
from svc.db.engine import db, engine
from svc.errors import RentalsError
from svc.realtime.hub import DashboardHub
from svc.services.applications import ApplicationService
from svc.services.documents import DocumentService
from svc.services.listings import ListingService
from svc.services.rates import rate_service
from svc.services.screening import ScreeningService
from svc.services.search_alerts import AlertMatcher
from svc.workers.schedulers import AlertScheduler, RateFeedWorker

log = logging.getLogger("svc")


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    await db.connect()
    await redis_holder.open()
    assert redis_holder.cache is not None and redis_holder.jobs is not None

    credit = CreditBureauClient()
    identity = IdentityClient()
    await identity.start()
    scanner = DocumentScanner()
    screening = ScreeningService(credit, identity)

    app.state.screening = screening
    app.state.applications = ApplicationService(screening)
    app.state.documents = DocumentService(scanner)
    app.state.listings = ListingService()
    app.state.rates = rate_service
    app.state.hub = DashboardHub(max_connections=settings.ws_max_connections)
    app.state.hub.start(redis_holder.cache)

    scheduler = AlertScheduler(AlertMatcher(notifier))
    scheduler.start()
    rate_worker = RateFeedWorker(redis_holder.jobs, rate_service)
    rate_worker.start()
    log.info("rentals api started")
    try:
        yield
    finally:
        await scheduler.stop()
        await rate_worker.stop()
        await app.state.hub.stop()
        for closer in (credit.close, identity.close, scanner.close, notifier.close, rate_service.close):
            await closer()
        await redis_holder.close()
        await db.close()
        await engine.dispose()


app = FastAPI(title="Rentals API", lifespan=lifespan)


@app.middleware("http")
async def request_context(request: Request, call_next):  # type: ignore[no-untyped-def]
    request_id = request.headers.get("x-request-id") or uuid.uuid4().hex
    started = time.perf_counter()
    response = await call_next(request)
    response.headers["x-request-id"] = request_id
    log.info(
        "%s %s -> %d in %.1f ms",
        request.method,
        request.url.path,
        response.status_code,
        (time.perf_counter() - started) * 1000,
        extra={"request_id": request_id},
    )
    return response


@app.exception_handler(RentalsError)
async def rentals_error_handler(request: Request, exc: RentalsError) -> JSONResponse:
    return JSONResponse(status_code=exc.status_code, content={"error": exc.code, "message": exc.message, **exc.detail})


for module in (listings, applications, documents, dashboard, searches, ops):
    app.include_router(module.router)
app.include_router(ops.rates_router)
