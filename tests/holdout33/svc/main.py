"""ASGI application."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Coroutine
from contextlib import asynccontextmanager
from typing import Any

import httpx
from fastapi import FastAPI

from . import __version__
from .cache import create_redis
from .config import configure_logging, get_settings
from .db.engine import dispose_engines
from .errors import install_error_handlers
from .routers import health, labels, orders, picking, receiving, reports, stock, ws_packing, ws_realtime
from .services.container import build_container
from .workers.scheduler import Scheduler, keep_alive

try:
    import uvloop
except ImportError:
    uvloop = None

log = logging.getLogger(__name__)


def _build_scheduler(container: Any) -> Scheduler:
    scheduler = Scheduler()
    scheduler.every(60, container.tracking_poller.poll, name="tracking-poll")
    scheduler.every(120, container.label_retry.run_once, name="label-retry")
    scheduler.daily_at(2, 30, container.cycle_counts.generate_nightly, name="cycle-count-generation")
    return scheduler


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    configure_logging(settings)
    redis = create_redis(settings)
    http = httpx.AsyncClient(headers={"User-Agent": f"{settings.service_name}/{__version__}"})
    container = await build_container(settings, redis, http)
    app.state.redis = redis
    app.state.container = container

    background: set[asyncio.Task[Any]] = set()

    def spawn(coro: Coroutine[Any, Any, Any], name: str) -> None:
        task = asyncio.create_task(coro, name=name)
        background.add(task)
        task.add_done_callback(background.discard)

    spawn(container.hub.run_listener(), "dashboard-listener")
    spawn(keep_alive("scan-writer", container.packing.run_event_writer), "scan-writer")
    spawn(container.replenishment_worker.run(), "replenishment")
    spawn(container.outbox.run(), "outbox-dispatcher")
    app.state.erp_task = asyncio.create_task(container.erp_sync.run_forever(), name="erp-sync")
    scheduler = _build_scheduler(container)
    scheduler.start()
    log.info("wms backend %s started", __version__)
    try:
        yield
    finally:
        container.replenishment_worker.stop()
        await scheduler.stop()
        app.state.erp_task.cancel()
        for task in background:
            task.cancel()
        await asyncio.gather(app.state.erp_task, *background, return_exceptions=True)
        await container.packing.flush_pending()
        await container.aclose()
        await http.aclose()
        await redis.aclose()
        await dispose_engines()


def create_app() -> FastAPI:
    app = FastAPI(title="WMS", version=__version__, lifespan=lifespan)
    install_error_handlers(app)
    for router in (
        health.router, stock.router, stock.counts_router, orders.router, picking.router, receiving.router,
        labels.router, labels.webhooks, reports.router, reports.admin_router, ws_packing.router, ws_realtime.router,
    ):
        app.include_router(router)
    return app


app = create_app()


def run() -> None:
    import uvicorn

    if uvloop is not None:
        uvloop.install()
    uvicorn.run("svc.main:app", host="0.0.0.0", port=8080, proxy_headers=True)
