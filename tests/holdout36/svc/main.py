"""Application factory and process lifespan."""
from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import AsyncIterator

from fastapi import FastAPI, Request
from starlette.responses import Response

from svc.config import settings
from svc.container import build_services
from svc.db.engine import dispose_engine
from svc.db.pg import close_pool, init_pool
from svc.redis_client import close_redis
from svc.routers import admin, channel, guests, health, holds, invoices, rates, reservations, rooms, ws
from svc.utils.logging import configure_logging, request_id_var
from svc.workers.channel_sync_worker import ChannelSyncWorker
from svc.workers.hold_expiry import hold_expiry_loop
from svc.workers.invoice_worker import InvoiceDeliveryWorker
from svc.workers.night_audit_worker import NightAuditWorker
from svc.workers.ota_pull_worker import OtaPullWorker
from svc.workers.runner import Supervisor, WorkerSpec
from svc.ws.board_hub import BoardHub

logger = logging.getLogger(__name__)


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    configure_logging("DEBUG" if settings.env == "dev" else "INFO")
    await init_pool()
    services = build_services()
    app.state.services = services
    app.state.board_hub = BoardHub(settings.ws_max_connections)

    channel_worker = ChannelSyncWorker(services.channel_sync)
    ota_worker = OtaPullWorker(services.channel_ingest)
    supervisor = Supervisor(
        [
            WorkerSpec("channel-sync", channel_worker.run_once, interval=60),
            WorkerSpec("channel-rates", channel_worker.push_all_rates, interval=900),
            WorkerSpec("ota-pull", ota_worker.run_once, interval=120),
            WorkerSpec("invoice-delivery", InvoiceDeliveryWorker(services.mailer).run_once, interval=30),
            WorkerSpec("night-audit", NightAuditWorker(services.night_audit).run_once, interval=300),
        ]
    )
    supervisor.start()
    expiry_task = asyncio.create_task(hold_expiry_loop(services.inventory), name="hold-expiry")
    logger.info("pms started (%s)", settings.env)
    try:
        yield
    finally:
        expiry_task.cancel()
        await supervisor.stop()
        await app.state.board_hub.close()
        await ota_worker.close()
        await services.aclose()
        await close_pool()
        await close_redis()
        await dispose_engine()


def create_app() -> FastAPI:
    app = FastAPI(title="PMS", version=health.VERSION, lifespan=lifespan)

    @app.middleware("http")
    async def request_id(request: Request, call_next) -> Response:
        rid = request.headers.get("x-request-id") or uuid.uuid4().hex
        token = request_id_var.set(rid)
        try:
            response = await call_next(request)
        finally:
            request_id_var.reset(token)
        response.headers["x-request-id"] = rid
        return response

    for module in (health, rooms, rates, holds, reservations, invoices, channel, guests, admin, ws):
        app.include_router(module.router)
    return app


app = create_app()
