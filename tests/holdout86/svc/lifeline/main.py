from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from lifeline import __version__
from lifeline.cache.redis_client import build_redis
from lifeline.db.engine import build_engine, build_sessionmaker
from lifeline.db.pg import create_pg_pool
from lifeline.errors import install_error_handlers
from lifeline.middleware import RateLimitMiddleware, RequestContextMiddleware
from lifeline.routers import admin, appointments, donors, health, orders, sensors, stock, tracking, units
from lifeline.services.container import build_container
from lifeline.settings import get_settings
from lifeline.workers.expiry_sweep import ExpirySweeper
from lifeline.workers.runner import supervise
from lifeline.workers.sensor_ingest import SensorIngest

log = logging.getLogger("lifeline")


def configure_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("httpx").setLevel(logging.WARNING)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    configure_logging()
    engine = build_engine(settings)
    pool = await create_pg_pool(settings)
    cache = build_redis(settings)
    container = await build_container(settings, engine, build_sessionmaker(engine), pool, cache)
    app.state.container = container

    background: set[asyncio.Task[Any]] = set()

    def keep(task: asyncio.Task[Any]) -> None:
        background.add(task)
        task.add_done_callback(background.discard)

    app.state.mqtt_task = asyncio.create_task(container.bridge.run(), name="mqtt-bridge")
    keep(asyncio.create_task(supervise("sensor-ingest", SensorIngest(container).run_forever), name="sensor-ingest"))
    keep(asyncio.create_task(supervise("stock-relay", lambda: stock.relay_stock_updates(cache)), name="stock-relay"))
    keep(asyncio.create_task(ExpirySweeper(container).run_forever(), name="expiry-sweep"))
    log.info("lifeline %s started (%s)", __version__, settings.environment)
    try:
        yield
    finally:
        app.state.mqtt_task.cancel()
        for task in list(background):
            task.cancel()
        await asyncio.gather(app.state.mqtt_task, *background, return_exceptions=True)
        await container.aclose()


def create_app() -> FastAPI:
    settings = get_settings()
    app = FastAPI(title="Lifeline", version=__version__, lifespan=lifespan)
    app.add_middleware(RateLimitMiddleware, per_minute=settings.rate_limit_per_minute)
    app.add_middleware(RequestContextMiddleware)
    install_error_handlers(app)
    for module in (health, donors, appointments, units, sensors, orders, tracking, stock, admin):
        app.include_router(module.router)
    return app


app = create_app()
