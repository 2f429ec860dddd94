"""Application factory and lifespan."""
from __future__ import annotations

import logging
import time
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from svc.clients.insurance_api import insurer
from svc.clients.lab_api import lab_client
from svc.db.engine import dispose_engine, init_engine
from svc.db.pg import close_pool, ensure_schema, open_pool
from svc.logging_setup import configure_logging, request_id_middleware
from svc.redis_client import close_redis
from svc.routers import admin, appointments, billing, health, labs, patients, pharmacy, records, waiting_room
from svc.services.metrics import flush_to_redis
from svc.workers import lab_poller, reminder_worker, retention
from svc.workers.inventory_sync import reorder_all
from svc.workers.scheduler import Scheduler
from svc.ws import waiting_room as ws_waiting_room
from svc.ws.manager import boards

log = logging.getLogger(__name__)


@asynccontextmanager
async def lifespan(app: FastAPI):
    configure_logging()
    init_engine()
    await open_pool()
    await ensure_schema()
    await insurer.start()
    boards.start()

    scheduler = Scheduler()
    scheduler.supervise("lab-poller", lab_poller.run_forever)
    scheduler.supervise("reminders", reminder_worker.run_forever)
    scheduler.every(3600, "retention", retention.purge_waiting_room_events)
    scheduler.every(30, "metrics-flush", flush_to_redis)
    scheduler.daily_at(2, "supplier-reorder", reorder_all)

    app.state.started_at = time.monotonic()
    app.state.scheduler = scheduler
    log.info("vetnet api started")
    try:
        yield
    finally:
        await scheduler.shutdown()
        await boards.stop()
        await insurer.close()
        await lab_client().aclose()
        await close_pool()
        await dispose_engine()
        await close_redis()


def create_app() -> FastAPI:
    app = FastAPI(title="VetNet Clinics API", lifespan=lifespan)
    app.middleware("http")(request_id_middleware)
    for module in (health, appointments, patients, records, labs, pharmacy, billing, waiting_room, admin):
        app.include_router(module.router)
    app.include_router(ws_waiting_room.router)

    @app.exception_handler(Exception)
    async def unhandled(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return JSONResponse({"detail": "internal error"}, status_code=500)

    return app


app = create_app()
