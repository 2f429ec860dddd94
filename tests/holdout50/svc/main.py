from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI

from .cache.pass_cache import PassCache
from .clients.notification_client import NotificationClient
from .clients.payment_client import PaymentClient
from .clients.weather_client import WeatherClient
from .config import get_settings
from .db.engine import dispose_engine
from .db.pg_pool import close_gate_pool, init_gate_pool
from .services.pricing import PricingClient
from .deps import create_pubsub_redis, create_redis
from .routers import admin, gates, health, lessons, lifts, passes, rentals, tickets, weather, webhooks
from .workers.scheduler import Scheduler
from .ws import lift_status_ws, ops_ws
from .ws.connection_manager import ConnectionManager, relay_lift_status

log = logging.getLogger(__name__)


@asynccontextmanager
async def lifespan(app: FastAPI):
    settings = get_settings()
    app.state.redis = create_redis(settings)
    app.state.pubsub_redis = create_pubsub_redis(settings)
    await init_gate_pool(settings)
    app.state.pass_cache = PassCache(app.state.redis)
    app.state.weather = WeatherClient(settings)
    await app.state.weather.start()
    app.state.payments = PaymentClient(settings)
    app.state.pricing = PricingClient(settings)
    app.state.notifier = NotificationClient(settings)
    app.state.ws_manager = ConnectionManager(max_connections=settings.ws_max_connections)
    app.state.relay_task = asyncio.create_task(
        relay_lift_status(app.state.pubsub_redis, app.state.ws_manager)
    )
    scheduler = Scheduler(app, settings)
    scheduler.start()
    log.info("startup complete", extra={"resort": settings.resort_code})
    try:
        yield
    finally:
        await scheduler.stop()
        app.state.relay_task.cancel()
        await app.state.weather.close()
        await app.state.payments.aclose()
        await app.state.pricing.aclose()
        await app.state.notifier.close()
        await close_gate_pool()
        await app.state.redis.aclose()
        await app.state.pubsub_redis.aclose()
        await dispose_engine()


def create_app() -> FastAPI:
    app = FastAPI(title="Resort Operations API", lifespan=lifespan)
    for module in (tickets, passes, gates, lifts, lessons, rentals, weather, webhooks, admin, health):
        app.include_router(module.router)
    app.include_router(lift_status_ws.router)
    app.include_router(ops_ws.router)
    return app


app = create_app()
