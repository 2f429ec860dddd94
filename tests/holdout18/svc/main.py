"""ASGI application: lifespan wiring, middleware and routers."""
from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.responses import Response

from svc.api import admin, events, holds, tickets, ws
from svc.cache import close_all, events_redis, main_redis, queue_redis
from svc.clients.email import EmailSender
from svc.clients.fraud import FraudClient
from svc.clients.payments import PaymentsClient, PayoutsClient
from svc.clients.pricing import PricingClient
from svc.config import settings
from svc.db.session import engine, pg
from svc.errors import TicketingError
from svc.api.deps import RedisRateLimiter
from svc.services.checkout import CheckoutService, CheckoutThrottle
from svc.services.holds import HoldService, SeatWatchers
from svc.services.pricing import PriceCalculator
from svc.services.seatmap import SeatMapService
from svc.services.tickets import TicketService
from svc.services.waiting_room import QueueHub, WaitingRoom
from svc.workers.housekeeping import HoldExpiryWorker, ReminderWorker
from svc.workers.settlement import SettlementWorker

logger = logging.getLogger("svc")

REQUEST_TIMEOUT_S = 30.0
_STARTED = time.monotonic()


async def supervise(name: str, factory: Callable[[], Awaitable[None]], *, max_backoff: float = 60.0) -> None:
    loop = asyncio.get_running_loop()
    backoff = 1.0
    while True:
        started = loop.time()
        try:
            await factory()
            logger.warning("background task %s returned; restarting", name)
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("background task %s crashed", name)
        if loop.time() - started > 300:
            backoff = 1.0
        await asyncio.sleep(backoff)
        backoff = min(max_backoff, backoff * 2)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    await pg.open()
    pool = pg.pool
    payments = PaymentsClient()
    payouts = PayoutsClient()
    pricing = PricingClient()
    fraud = FraudClient()
    await fraud.start()
    email = EmailSender()
    email.start()

    watchers = SeatWatchers()
    hub = QueueHub(queue_redis, settings.waiting_room_max_connections)
    room = WaitingRoom(queue_redis, main_redis, hub)
    hold_service = HoldService(main_redis, pool, watchers)
    ticket_service = TicketService(pool)

    app.state.pool = pool
    app.state.pricing = pricing
    app.state.email = email
    app.state.watchers = watchers
    app.state.hub = hub
    app.state.waiting_room = room
    app.state.holds = hold_service
    app.state.tickets = ticket_service
    app.state.seatmap = SeatMapService(pool, pricing)
    app.state.api_limiter = RedisRateLimiter(events_redis, "tix:rl:api", limit=120, window_seconds=60)
    app.state.checkout = CheckoutService(
        pool,
        hold_service,
        payments,
        fraud,
        email,
        ticket_service,
        PriceCalculator(pricing),
        CheckoutThrottle(settings.checkout_attempts_per_minute),
    )

    hold_worker = HoldExpiryWorker(pool, main_redis, watchers)
    settlement = SettlementWorker(pool, payouts)
    reminders = ReminderWorker(pool, main_redis, email)

    background: list[asyncio.Task[None]] = [
        asyncio.create_task(supervise("hold-expiry", hold_worker.run), name="hold-expiry"),
        asyncio.create_task(supervise("admission", room.run_admission), name="admission"),
        asyncio.create_task(supervise("settlement", settlement.run), name="settlement"),
        asyncio.create_task(hub.run(), name="queue-hub"),
        asyncio.create_task(reminders.run(), name="reminders"),
    ]
    logger.info("ticketing api started (%s)", settings.environment)
    try:
        yield
    finally:
        room.stop()
        hold_worker.stop()
        for task in background:
            task.cancel()
        await asyncio.gather(*background, return_exceptions=True)
        await email.stop()
        await fraud.close()
        await payments.aclose()
        await payouts.aclose()
        await pricing.aclose()
        await pg.close()
        await engine.dispose()
        await close_all()


class RequestContextMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        request_id = request.headers.get("x-request-id") or uuid.uuid4().hex
        started = time.perf_counter()
        try:
            async with asyncio.timeout(REQUEST_TIMEOUT_S):
                response = await call_next(request)
        except TimeoutError:
            logger.error("request %s %s timed out (id=%s)", request.method, request.url.path, request_id)
            return JSONResponse({"error": "timeout", "request_id": request_id}, status_code=504)
        response.headers["x-request-id"] = request_id
        logger.info(
            "%s %s -> %s in %.1fms (id=%s)",
            request.method,
            request.url.path,
            response.status_code,
            (time.perf_counter() - started) * 1000,
            request_id,
        )
        return response


app = FastAPI(title="Ticketing API", lifespan=lifespan)
app.add_middleware(RequestContextMiddleware)


@app.exception_handler(TicketingError)
async def ticketing_error_handler(request: Request, exc: TicketingError) -> JSONResponse:
    return JSONResponse({"error": exc.code, "message": exc.message, **exc.detail}, status_code=exc.status_code)


@app.get("/health", tags=["ops"])
async def health() -> dict[str, object]:
    return {
        "status": "ok",
        "service": settings.service_name,
        "environment": settings.environment,
        "uptime_s": round(time.monotonic() - _STARTED, 1),
    }


app.include_router(holds.checkout_router)
for module in (events, holds, tickets, admin, ws):
    app.include_router(module.router)
