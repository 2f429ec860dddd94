from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI

from readroom.api import admin, alerts, auth, dictation, health, hl7, reading, referrers, reports, studies, worklist
from readroom.api.errors import install_error_handlers
from readroom.cache.redis_client import close_redis
from readroom.clients.resilience import close_all as close_http_clients
from readroom.db.engine import dispose_engine
from readroom.db.pg_pool import close_pool, init_pool
from readroom.settings import configure_logging
from readroom.services.container import build_services
from readroom.services.notifications import drain
from readroom.ws import reading_room
from readroom.ws.hub import ConnectionHub

log = logging.getLogger(__name__)


async def _every(seconds: float, job: Callable[[], Awaitable[object]], name: str) -> None:
    while True:
        try:
            await job()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("periodic job %s failed", name)
        await asyncio.sleep(seconds)


@asynccontextmanager
async def lifespan(app: FastAPI):
    configure_logging()
    await init_pool()
    svc = build_services()
    hub = ConnectionHub()
    app.state.services = svc
    app.state.hub = hub

    tasks = [
        asyncio.create_task(hub.run_fanout(), name="ws-fanout"),
        asyncio.create_task(hub.heartbeat(), name="ws-heartbeat"),
        asyncio.create_task(_every(300, svc.snapshot.refresh, "queue-snapshot"), name="queue-snapshot"),
        asyncio.create_task(svc.ingest.run_consumer(), name="study-ingest"),
        asyncio.create_task(svc.distribution.run_forever(), name="distribution"),
        asyncio.create_task(_every(60, svc.alerts.escalate_overdue, "critical-escalation"), name="escalation"),
    ]
    app.state.started = True
    try:
        yield
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await drain()
        await svc.aclose()
        await close_http_clients()
        await close_pool()
        await close_redis()
        await dispose_engine()


def create_app() -> FastAPI:
    app = FastAPI(title="readroom", version="2.14.0", lifespan=lifespan)
    install_error_handlers(app)
    for module in (health, auth, hl7, worklist, studies, reading, reports, dictation, alerts, referrers, admin):
        app.include_router(module.router)
    app.include_router(hl7.pacs_router)
    app.include_router(admin.stats_router)
    app.include_router(reading_room.router)
    return app


app = create_app()
