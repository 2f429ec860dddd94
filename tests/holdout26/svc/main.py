"""FastAPI application for the auction marketplace."""
from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse

from svc.api import accounts, admin, bids, health, lots, ws
from svc.cache import redis as redis_clients
from svc.clients.escrow import EscrowClient
from svc.clients.fx import FxClient
from svc.clients.shipping import ShippingClient
from svc.config import get_settings
from svc.db.pool import close_pool, init_pool
from svc.db.session import engine
from svc.errors import AuctionError
from svc.realtime.hub import BidHub
from svc.repositories.bids import BidRepository
from svc.repositories.lots import LotRepository
from svc.repositories.payouts import ShipmentRepository
from svc.services.bidding import BiddingService
from svc.services.fees import FeeCalculator
from svc.services.lots import LotService
from svc.services.settlement import SettlementService
from svc.services.shipping import ShippingService
from svc.workers.auction_close import AuctionCloser
from svc.workers.payouts import PayoutWorker
from svc.workers.reminders import ReminderScheduler

log = logging.getLogger("svc")


async def _sweep_idle(hub: BidHub, idle_s: float) -> None:
    while True:
        try:
            dropped = await hub.drop_idle(idle_s)
            if dropped:
                log.info("dropped %d idle websocket clients", dropped)
        except Exception:
            log.exception("idle sweep failed")
        await asyncio.sleep(idle_s / 2)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    pool = await init_pool()
    escrow = EscrowClient(settings)
    await escrow.start()
    shipping_client = ShippingClient(settings)
    fx = FxClient(settings)
    http = httpx.AsyncClient(timeout=httpx.Timeout(10.0, connect=3.0))

    lot_repo = LotRepository(pool, settings.db_acquire_timeout)
    bid_repo = BidRepository(pool, settings.db_acquire_timeout)
    settlement = SettlementService(settings, escrow, FeeCalculator(settings))
    hub = BidHub(settings.ws_max_connections)

    app.state.settings = settings
    app.state.escrow = escrow
    app.state.lot_repo = lot_repo
    app.state.bid_repo = bid_repo
    app.state.hub = hub
    app.state.bidding = BiddingService(pool, settings, lot_repo, bid_repo)
    app.state.lot_service = LotService(settings, lot_repo, bid_repo, fx, http)
    app.state.shipments = ShipmentRepository(pool)
    app.state.shipping = ShippingService(shipping_client, lot_repo, app.state.shipments)

    app.state.relay_task = asyncio.create_task(hub.relay(), name="bid-relay")
    app.state.seller_task = asyncio.create_task(hub.push_seller_events(), name="seller-events")
    app.state.sweep_task = asyncio.create_task(_sweep_idle(hub, settings.ws_idle_timeout_s))

    closer = AuctionCloser(settings, lot_repo, bid_repo, settlement)
    app.state.closer_task = asyncio.create_task(closer.run(), name="auction-close")
    reminders = ReminderScheduler(pool, settings.db_acquire_timeout)
    app.state.reminder_task = asyncio.create_task(reminders.run_forever(), name="reminders")
    payout_worker = PayoutWorker(escrow)
    payout_worker.start()
    app.state.payout_worker = payout_worker

    try:
        yield
    finally:
        for name in ("relay_task", "seller_task", "sweep_task", "closer_task", "reminder_task"):
            getattr(app.state, name).cancel()
        await payout_worker.stop()
        await escrow.close()
        await shipping_client.aclose()
        await fx.aclose()
        await http.aclose()
        await redis_clients.close_all()
        await engine.dispose()
        await close_pool()


app = FastAPI(title="Auction marketplace", lifespan=lifespan)


@app.middleware("http")
async def request_context(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    request_id = request.headers.get("x-request-id") or uuid.uuid4().hex
    started = time.perf_counter()
    try:
        response = await asyncio.wait_for(call_next(request), timeout=30)
    except asyncio.TimeoutError:
        log.warning("request %s %s timed out", request.method, request.url.path)
        return JSONResponse({"error": "timeout"}, status_code=504)
    response.headers["x-request-id"] = request_id
    log.info(
        "%s %s %s %.1fms",
        request.method,
        request.url.path,
        response.status_code,
        (time.perf_counter() - started) * 1000,
    )
    return response


@app.exception_handler(AuctionError)
async def auction_error_handler(request: Request, exc: AuctionError) -> JSONResponse:
    return JSONResponse({"error": exc.code, "detail": exc.message}, status_code=exc.status_code)


app.include_router(health.router)
app.include_router(accounts.router)
app.include_router(lots.router)
app.include_router(bids.router)
app.include_router(bids.me_router)
app.include_router(admin.router)
app.include_router(ws.router)
