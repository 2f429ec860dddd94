from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from svc.cache.menu_cache import MenuCache
from svc.clients.maps import Geocoder
from svc.clients.payments import PaymentGateway
from svc.clients.pos_client import PosClient
from svc.clients.maps import RoutingClient
from svc.clients.sms import SmsClient
from svc.config import settings
from svc.db import pg
from svc.db.engine import engine
from svc.db.engine import get_redis
from svc.routers import admin, auth, carts, couriers, health, orders, payments, restaurants
from svc.services.notification_service import Notifier
from svc.services.auth import RedisRateLimiter
from svc.services.settlement_service import SettlementService
from svc.workers.dispatch_worker import run_dispatch_loop
from svc.workers.menu_sync_worker import run_menu_sync
from svc.workers.outbox_worker import run_outbox_relay
from svc.workers.scheduler import Scheduler, auto_cancel_stale_orders, mark_silent_couriers_offline
from svc.workers.settlement_worker import run_settlement
from svc.ws import courier_feed, ops, tracking
from svc.ws.tracking import TrackingHub
from svc.ws.ops import OpsHub

logger = logging.getLogger(__name__)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    await pg.open_pool()
    state = app.state
    state.redis = get_redis()
    state.payments = PaymentGateway()
    state.geocoder = Geocoder()
    state.routing = RoutingClient()
    state.sms = SmsClient()
    await state.sms.start()
    state.pos = PosClient()
    await state.pos.start()
    state.hub = TrackingHub()
    state.ops_hub = OpsHub(state.redis)
    await state.ops_hub.start()
    state.menu_cache = MenuCache(state.redis, ttl=settings.menu_cache_ttl)
    state.login_limiter = RedisRateLimiter(state.redis, limit=5, window_s=300)

    notifier = Notifier(state.sms, state.redis)
    stop = asyncio.Event()
    workers = [
        asyncio.create_task(run_dispatch_loop(state.redis, notifier), name="dispatch"),
        asyncio.create_task(run_outbox_relay(state.redis, stop), name="outbox"),
        asyncio.create_task(run_menu_sync(state.redis, state.pos), name="menu-sync"),
        asyncio.create_task(run_settlement(state.redis, SettlementService(state.payments)), name="settlement"),
    ]
    scheduler = Scheduler()
    scheduler.every(
        60,
        lambda: auto_cancel_stale_orders(state.redis, state.payments, state.geocoder, state.routing, notifier),
        name="auto-cancel",
    )
    scheduler.every(120, mark_silent_couriers_offline, name="courier-presence")
    try:
        yield
    finally:
        stop.set()
        await scheduler.shutdown()
        for task in workers:
            task.cancel()
        await asyncio.gather(*workers, return_exceptions=True)
        await state.ops_hub.stop()
        for closer in (state.payments.close, state.geocoder.close, state.routing.close, state.sms.close, state.pos.close):
            with contextlib.suppress(Exception):
                await closer()
        await state.redis.aclose()
        await pg.close_pool()
        await engine.dispose()


def create_app() -> FastAPI:
    app = FastAPI(title="dash-marketplace", lifespan=lifespan)
    for module in (health, auth, restaurants, carts, orders, couriers, payments, admin):
        app.include_router(module.router)
    app.include_router(restaurants.partner_router)
    for module in (tracking, courier_feed, ops):
        app.include_router(module.router)
    return app


app = create_app()
