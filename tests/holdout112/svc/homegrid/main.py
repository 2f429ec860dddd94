from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager
from typing import AsyncIterator

import structlog
from fastapi import FastAPI

from homegrid.api import (
    auth,
    bridge,
    dashboard,
    devices,
    dr_events,
    firmware,
    health,
    households,
    reports,
    schedules,
    settlement,
    tariffs,
    telemetry,
)
from homegrid.background.ack_stream import consume_acks
from homegrid.background.broadcast_relay import relay_broadcasts
from homegrid.background.dr_notifier import run_dr_notifier
from homegrid.background.supervisor import TaskGroup
from homegrid.background.tariff_refresh import run_tariff_refresh
from homegrid.config import get_settings
from homegrid.container import build_container
from homegrid.db.pool import apply_migrations, get_db
from homegrid.errors import install_error_handlers
from homegrid.config import configure_logging
from homegrid.redis_client import close_redis, get_redis
from homegrid.ws import alerts, commissioning, device_console
from homegrid.ws import dashboard as ws_dashboard

log = structlog.get_logger(__name__)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    configure_logging()
    container = build_container(settings, get_db(), get_redis())
    await container.start()
    if settings.run_migrations:
        applied = await apply_migrations(container.db, settings.migrations_dir)
        if applied:
            log.info("migrations_applied", names=applied)
    app.state.container = container

    container.ingestor.start()
    tasks = TaskGroup()
    tasks.spawn("tariff-refresh", lambda: run_tariff_refresh(container))
    tasks.spawn("broadcast-relay", lambda: relay_broadcasts(container))
    notifier_task = asyncio.create_task(run_dr_notifier(container), name="dr-notifier")
    ack_task = asyncio.create_task(consume_acks(container), name="ack-stream")
    log.info("homegrid_started", environment=settings.environment)
    try:
        yield
    finally:
        notifier_task.cancel()
        ack_task.cancel()
        await asyncio.gather(notifier_task, ack_task, return_exceptions=True)
        await tasks.shutdown()
        await container.ingestor.stop()
        await container.close()
        await close_redis()


def create_app() -> FastAPI:
    app = FastAPI(title="HomeGrid", lifespan=lifespan)
    install_error_handlers(app)
    for module in (
        health, auth, households, devices, bridge, telemetry, dr_events,
        schedules, reports, firmware, settlement, tariffs, dashboard,
    ):
        app.include_router(module.router)
    for ws_module in (ws_dashboard, alerts, device_console, commissioning):
        app.include_router(ws_module.router)
    return app


app = create_app()
