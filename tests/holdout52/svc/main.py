from __future__ import annotations

import asyncio
import contextvars
import logging
import sys
import time
import uuid
from contextlib import asynccontextmanager
from collections.abc import AsyncIterator
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse

from .cache.redis_client import close_redis
from .clients.exchange_feed import ExchangeFeedClient
from .clients.gateway import get_gateway
from .clients.kyc_provider import kyc_provider
from .db.engine import SessionFactory, dispose_engine
from .db.pg import close_pool, init_pool
from .routers import accounts, admin, orders, quotes, statements, webhooks
from .services import kyc
from .services import quotes as quote_service
from .utils.locks import LockNotAcquired, distributed_lock
from .workers.corp_actions_job import run_corporate_actions
from .workers.fill_consumer import FillConsumer
from .workers.margin_calls import run_margin_cycle
from .workers.order_reconciler import reconcile_forever
from .workers.scheduler import PeriodicJob
from .ws import market_data, order_updates
from .ws.market_data import hub

log = logging.getLogger("broker")

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


def configure_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)


health_router = APIRouter(tags=["health"])


@health_router.get("/health/live")
async def live() -> dict:
    return {"status": "alive"}


@health_router.get("/health/ready")
async def ready() -> dict:
    return {"status": "ready"}


async def _on_tick(tick: dict[str, Any]) -> None:
    await quote_service.on_tick(tick)
    hub.publish(tick["s"], {"type": "quote", "s": tick["s"], "b": tick["b"], "a": tick["a"], "p": tick["p"], "t": tick["t"]})


async def _poll_kyc() -> None:
    try:
        async with distributed_lock("kyc-poll", ttl_seconds=110):
            async with SessionFactory() as session:
                updated = await kyc.poll_pending_checks(session)
    except LockNotAcquired:
        return
    if updated:
        log.info("kyc poll updated %d customers", updated)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    configure_logging()
    await init_pool()
    await kyc_provider.start()
    stop = asyncio.Event()

    feed = ExchangeFeedClient(on_tick=_on_tick)
    app.state.exchange_feed = feed
    fill_consumer = FillConsumer()
    jobs = [
        PeriodicJob("margin-calls", 300, run_margin_cycle),
        PeriodicJob("corporate-actions", 3600, run_corporate_actions),
        PeriodicJob("kyc-poll", 120, _poll_kyc),
    ]
    tasks = [
        asyncio.create_task(feed.run(), name="exchange-feed"),
        asyncio.create_task(fill_consumer.run(), name="fill-consumer"),
        asyncio.create_task(reconcile_forever(stop), name="order-reconciler"),
        *(asyncio.create_task(job.run_forever(stop), name=job.name) for job in jobs),
    ]
    log.info("broker backend started with %d background tasks", len(tasks))
    try:
        yield
    finally:
        stop.set()
        feed.stop()
        fill_consumer.stop()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await get_gateway().aclose()
        await kyc_provider.close()
        await close_pool()
        await close_redis()
        await dispose_engine()


def create_app() -> FastAPI:
    app = FastAPI(title="Brokerage OMS", lifespan=lifespan)

    @app.middleware("http")
    async def request_context(request: Request, call_next):
        request_id = request.headers.get("x-request-id") or uuid.uuid4().hex
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = await call_next(request)
        finally:
            request_id_var.reset(token)
        elapsed_ms = (time.perf_counter() - started) * 1000
        response.headers["x-request-id"] = request_id
        log.info("%s %s -> %s in %.1fms", request.method, request.url.path, response.status_code, elapsed_ms)
        return response

    @app.exception_handler(Exception)
    async def unhandled(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return JSONResponse({"detail": "internal error", "request_id": request_id_var.get()}, status_code=500)

    app.include_router(health_router)
    for module in (accounts, orders, quotes, webhooks, statements, admin):
        app.include_router(module.router)
    app.include_router(market_data.router)
    app.include_router(order_updates.router)
    return app


app = create_app()
