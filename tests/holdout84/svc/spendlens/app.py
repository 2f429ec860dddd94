from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from .db import Database
from .errors import install_handlers
from .middleware import RateLimitMiddleware, RequestIdMiddleware
from .redis_client import create_redis
from .routers import accounts, budgets, costs, health, insights, reports, ws_alerts, ws_dashboard, ws_jobs
from .services.container import Container
from .settings import Settings, get_settings

logger = logging.getLogger("spendlens")


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings: Settings = app.state.settings
    db = Database(settings)
    await db.connect()
    redis = app.state.redis
    http = httpx.AsyncClient(
        timeout=httpx.Timeout(10.0, connect=3.0),
        limits=httpx.Limits(max_connections=100, max_keepalive_connections=20),
    )
    container = Container(settings, db, redis, http)
    await container.start()
    app.state.container = container
    app.state.subscriber = asyncio.create_task(container.hub.run_subscriber(), name="dashboard-subscriber")
    logger.info("spendlens api started env=%s", settings.environment)
    try:
        yield
    finally:
        app.state.subscriber.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await app.state.subscriber
        await container.close()
        await http.aclose()
        await redis.aclose()
        await db.close()


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(title="SpendLens", version="2", lifespan=lifespan)
    app.state.settings = settings
    app.state.redis = create_redis(settings)
    app.add_middleware(RateLimitMiddleware, redis=app.state.redis, per_minute=settings.rate_limit_per_minute)
    app.add_middleware(RequestIdMiddleware)
    install_handlers(app)
    for module in (accounts, budgets, costs, insights, reports, health, ws_dashboard, ws_alerts, ws_jobs):
        app.include_router(module.router)
    return app
