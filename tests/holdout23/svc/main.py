"""Application entry point: wiring, lifespan, middleware and background tasks."""

from __future__ import annotations

import asyncio
import functools
import logging
import threading
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from contextlib import asynccontextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from redis.asyncio import Redis

from svc.api import floor, guests, ops, reservations, waitlist, webhooks
from svc.cache import JsonCache, RedisRateLimiter, SlidingWindowLimiter, build_cache_redis, build_events_redis
from svc.clients.partners import CrmExporter, LoyaltyClient, WebhookDispatcher
from svc.clients.payments import PaymentsClient
from svc.clients.pos import PosClient
from svc.clients.sms import SmsClient
from svc.config import settings
from svc.db.pool import Database, SessionFactory, create_pool, engine
from svc.errors import TableBookError
from svc.realtime.hub import FloorHub, WaitlistFeed
from svc.repositories.guests import GuestRepository
from svc.repositories.reservations import ReservationRepository
from svc.repositories.waitlist import WaitlistRepository
from svc.services.availability import AvailabilityService
from svc.services.deposits import DepositService
from svc.services.floor import FloorPlanService, FloorService
from svc.services.guests import GuestService
from svc.services.reporting import ReportingService
from svc.services.reservations import ReservationService
from svc.services.waitlist import WaitlistService
from svc.support import supervise
from svc.workers import daily_report, no_show, pos_sync

try:
    import uvloop
except ImportError:
    uvloop = None

logger = logging.getLogger("tablebook")
request_id_var: ContextVar[str] = ContextVar("request_id", default="-")


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


def configure_logging(level: str) -> None:
    handler = logging.StreamHandler()
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"))
    logging.basicConfig(level=level, handlers=[handler], force=True)


def _synchronized(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def wrapper(instance: RequestStats, *args: Any, **kwargs: Any) -> Any:
        with instance._lock:
            return method(instance, *args, **kwargs)

    return wrapper


class RequestStats:
    """Per-process latency totals, flushed to Redis for the ops dashboard."""

    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._lock = threading.Lock()
        self._totals: dict[str, list[float]] = {}

    @_synchronized
    def observe(self, route: str, seconds: float) -> None:
        bucket = self._totals.setdefault(route, [0.0, 0.0])
        bucket[0] += seconds
        bucket[1] += 1

    async def flush(self) -> None:
        with self._lock:
            for route, (seconds, count) in self._totals.items():
                await self._redis.hincrbyfloat("stats:latency_seconds", route, seconds)
                await self._redis.hincrby("stats:requests", route, int(count))
            self._totals.clear()


async def _flush_stats_forever(stats: RequestStats) -> None:
    while True:
        await asyncio.sleep(10)
        try:
            await stats.flush()
        except Exception:
            logger.exception("stats flush failed")


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    configure_logging(settings.log_level)
    pool = await create_pool(settings)
    db = Database(pool, acquire_timeout=settings.db_acquire_timeout)
    cache_redis = build_cache_redis(settings)
    events_redis = build_events_redis(settings)

    payments = PaymentsClient(settings.payments_base_url, settings.payments_api_key, settings.payments_webhook_secret)
    sms = SmsClient(settings.sms_base_url, settings.sms_api_key, settings.sms_sender_id)
    pos = PosClient(settings.pos_base_url, settings.pos_api_key)
    await sms.start()
    await pos.start()
    loyalty = LoyaltyClient(settings.loyalty_base_url)

    hub = FloorHub(events_redis, settings.ws_max_connections_per_venue)
    feed = WaitlistFeed(events_redis)
    reservation_repo = ReservationRepository(db)
    guest_repo = GuestRepository(db)
    waitlist_repo = WaitlistRepository(db)
    availability = AvailabilityService(reservation_repo, settings.hold_ttl_seconds)
    deposits = DepositService(payments, SessionFactory, reservation_repo, cache_redis)
    waitlist_service = WaitlistService(waitlist_repo, sms, cache_redis, feed, settings.jwt_secret)
    plans = FloorPlanService(Path(settings.floorplan_dir), SessionFactory)
    reporting = ReportingService(db, settings.reporting_dsn, settings.wkhtmltopdf_path)
    stats = RequestStats(cache_redis)

    app.state.db = db
    app.state.payments = payments
    app.state.hub = hub
    app.state.waitlist_feed = feed
    app.state.availability = availability
    app.state.deposits = deposits
    app.state.waitlist = waitlist_service
    app.state.reporting = reporting
    app.state.stats = stats
    app.state.widget_limiter = SlidingWindowLimiter(settings.widget_requests_per_minute, 60.0)
    app.state.join_limiter = RedisRateLimiter(cache_redis, limit=5, window_seconds=3600)
    app.state.floor = FloorService(db, plans, pos, hub, waitlist_repo)
    app.state.guests = GuestService(guest_repo, CrmExporter(settings.crm_export_url, settings.crm_api_token), Path(settings.export_dir), settings.pseudonym_salt)
    app.state.reservations = ReservationService(
        reservation_repo, guest_repo, availability, deposits, loyalty, WebhookDispatcher(settings.webhook_signing_secret), JsonCache(cache_redis), hub
    )

    background: set[asyncio.Task[Any]] = set()

    def spawn(coro: Coroutine[Any, Any, None], name: str) -> None:
        task = asyncio.create_task(coro, name=name)
        background.add(task)
        task.add_done_callback(background.discard)

    spawn(supervise("floor-hub-listener", hub.run_listener), "floor-hub-listener")
    spawn(supervise("sms-dispatcher", waitlist_service.run_dispatcher), "sms-dispatcher")
    spawn(no_show.run_no_show_sweeper(db, payments, hub), "no-show-sweeper")
    spawn(pos_sync.run_pos_spend_sync(db, pos, cache_redis, settings.pos_sync_interval_seconds), "pos-spend-sync")
    spawn(daily_report.run_forever(db, cache_redis, sms, reporting, settings.daily_report_hour_utc), "daily-report")
    spawn(_flush_stats_forever(stats), "stats-flush")
    logger.info("tablebook started")
    try:
        yield
    finally:
        for task in list(background):
            task.cancel()
        await asyncio.gather(*background, return_exceptions=True)
        await payments.aclose()
        await loyalty.aclose()
        await sms.close()
        await pos.close()
        await cache_redis.aclose()
        await events_redis.aclose()
        await pool.close()
        await engine.dispose()


if uvloop is not None:
    uvloop.install()

app = FastAPI(title="TableBook", lifespan=lifespan)
for module in (reservations, waitlist, floor, guests, ops, webhooks):
    app.include_router(module.router)


@app.middleware("http")
async def request_context(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    request_id = request.headers.get("x-request-id") or uuid.uuid4().hex
    token = request_id_var.set(request_id)
    started = time.perf_counter()
    try:
        response = await asyncio.wait_for(call_next(request), timeout=settings.request_timeout_seconds)
    except asyncio.TimeoutError:
        logger.warning("request %s %s timed out", request.method, request.url.path)
        response = JSONResponse({"error": "timeout"}, status_code=504)
    finally:
        request.app.state.stats.observe(request.url.path, time.perf_counter() - started)
        request_id_var.reset(token)
    response.headers["x-request-id"] = request_id
    return response


@app.exception_handler(TableBookError)
async def domain_error(request: Request, exc: TableBookError) -> JSONResponse:
    return JSONResponse(status_code=exc.status_code, content={"error": exc.code, "message": exc.message, **exc.details})
