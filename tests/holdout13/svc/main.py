"""FastAPI application: wiring, lifespan, middleware and routers."""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from svc.api import routes_bookings, routes_ops, routes_public, ws
from svc.caching import AmenityIndex, LocalClock
from svc.clients.channel_manager import ChannelManagerClient
from svc.clients.external import FxClient, Mailer
from svc.clients.payments import PaymentsClient
from svc.config import settings
from svc.db.session import create_pg_pool, engine
from svc.errors import StayError
from svc.middleware import DeadlineMiddleware, LoginThrottleMiddleware, SearchRateLimitMiddleware
from svc.redis_client import build_bus_client, build_cache_client, build_lock_client
from svc.repos.reservations import ReservationRepository
from svc.services.channel_sync import ChannelSyncService
from svc.services.messaging import PresenceTracker, StaffFeed, ThreadHub
from svc.services.reservations import AuditLog, ReservationService
from svc.workers.channel_poller import ChannelPoller
from svc.workers.jobs import NoShowSweeper, RatePlanWorker

logger = logging.getLogger("svc")


async def _supervise(name: str, factory: Callable[[], Awaitable[None]]) -> None:
    delay = 1.0
    while True:
        try:
            await factory()
            return
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("background task %s crashed; restarting in %.1fs", name, delay)
            await asyncio.sleep(delay + random.random())
            delay = min(delay * 2, 120.0)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    app.state.pg_pool = await create_pg_pool()
    app.state.cache = build_cache_client()
    app.state.bus = build_bus_client()
    app.state.locks = build_lock_client()
    app.state.amenities = AmenityIndex()
    app.state.clock = LocalClock()
    app.state.staff_feed = StaffFeed()
    app.state.hk_feed = StaffFeed(max_pending=50)
    app.state.presence = PresenceTracker()

    fx_http = httpx.AsyncClient(base_url=settings.fx_base_url, timeout=3.0)
    app.state.fx = FxClient(fx_http, app.state.cache)
    payments = PaymentsClient.create()
    mailer = Mailer()
    channel = ChannelManagerClient()
    await channel.start()

    reservations_repo = ReservationRepository(app.state.pg_pool)
    app.state.reservations = ReservationService(reservations_repo, payments, mailer, AuditLog(app.state.pg_pool))
    app.state.channel_sync = ChannelSyncService(channel, reservations_repo)
    app.state.hub = ThreadHub(app.state.bus)
    app.state.hub.start()

    rate_worker = RatePlanWorker(app.state.locks, occupancy={})
    sweeper = NoShowSweeper(reservations_repo, payments, mailer, app.state.locks)
    poller = ChannelPoller(channel, reservations_repo)
    tasks = {
        asyncio.create_task(rate_worker.run_forever(), name="rate-plans"),
        asyncio.create_task(sweeper.run_forever(), name="no-show"),
        asyncio.create_task(_supervise("channel-inbox", app.state.channel_sync.drain_inbox), name="channel-inbox"),
    }
    app.state.poller_task = asyncio.create_task(poller.run(), name="channel-poller")
    try:
        yield
    finally:
        sweeper.stop()
        for task in (*tasks, app.state.poller_task):
            task.cancel()
        await asyncio.gather(*tasks, app.state.poller_task, return_exceptions=True)
        await app.state.hub.stop()
        await channel.close()
        await payments.aclose()
        await mailer.aclose()
        await fx_http.aclose()
        await app.state.pg_pool.close()
        await app.state.cache.aclose()
        await app.state.bus.aclose()
        await app.state.locks.aclose()
        await engine.dispose()


app = FastAPI(title="stay-platform", lifespan=lifespan)
app.add_middleware(SearchRateLimitMiddleware)
app.add_middleware(LoginThrottleMiddleware, per_minute=10)
app.add_middleware(DeadlineMiddleware, seconds=25.0)
app.include_router(routes_public.router)
app.include_router(routes_bookings.router)
app.include_router(routes_ops.router)
app.include_router(ws.router)


@app.exception_handler(StayError)
async def stay_error_handler(_: Request, exc: StayError) -> JSONResponse:
    return JSONResponse({"error": exc.code, "message": exc.message, **exc.detail}, status_code=exc.status_code)


@app.get("/health")
async def health() -> dict:
    return {"status": "ok", "environment": settings.environment}
