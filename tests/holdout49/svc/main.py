"""Application factory and lifespan wiring."""
from __future__ import annotations

import asyncio
import logging
import uuid
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, Request

from svc.cache.local import LotCache, ProfileCache
from svc.cache.redis_client import close_redis, open_redis
from svc.clients.currency import CurrencyClient
from svc.clients.escrow import EscrowClient
from svc.clients.fraud import FraudClient
from svc.clients.moderation import ModerationClient
from svc.clients.notify import Notifier
from svc.clients.payout_provider import PayoutProvider
from svc.config import configure_logging, get_settings, request_id_var
from svc.db.engine import dispose_engine, init_engine, pg, sessionmaker
from svc.routers import admin, auth, bids, health, images, lots, payments, search
from svc.services.fraud_service import FraudService
from svc.services.settlement import SettlementService
from svc.workers import housekeeping, reindex
from svc.workers.close_worker import CloseWorker
from svc.workers.moderation_worker import ModerationWorker
from svc.workers.payout_worker import PayoutWorker
from svc.workers.supervisor import Supervisor
from svc.ws import bid_stream
from svc.ws.hub import BidHub

log = logging.getLogger(__name__)


@asynccontextmanager
async def lifespan(app: FastAPI):
    settings = get_settings()
    configure_logging("DEBUG" if settings.environment == "dev" else "INFO")
    init_engine()
    await pg.open()
    redis = await open_redis()
    http = httpx.AsyncClient(timeout=httpx.Timeout(5.0), limits=httpx.Limits(max_connections=200))
    moderation = ModerationClient()
    await moderation.start()
    escrow = EscrowClient()
    payouts = PayoutProvider()
    notifier = Notifier(http)

    app.state.settings = settings
    app.state.redis = redis
    app.state.http = http
    app.state.escrow = escrow
    app.state.hub = BidHub(redis)
    app.state.notifier = notifier
    app.state.currency = CurrencyClient(http)
    app.state.lot_cache = LotCache()
    app.state.profile_cache = ProfileCache()

    sessions = sessionmaker()
    settlement = SettlementService(sessions, escrow, notifier, FraudService(FraudClient(http), sessions))
    supervisor = Supervisor()
    app.state.supervisor = supervisor
    supervisor.start("hub", app.state.hub.listen)
    supervisor.start("payouts", PayoutWorker(sessions, payouts, notifier).run)
    supervisor.start("moderation", ModerationWorker(redis, sessions, moderation).run)
    supervisor.start("reindex", lambda: reindex.run(redis))
    supervisor.start("opener", lambda: housekeeping.run_opener(sessions))
    supervisor.start("refunds", lambda: housekeeping.run_refund_sweeper(sessions, escrow))
    supervisor.start("reminders", lambda: housekeeping.run_reminders(sessions, redis, notifier))
    closer = asyncio.create_task(CloseWorker(sessions, settlement, app.state.hub, notifier).run())
    log.info("auction service started env=%s", settings.environment)
    try:
        yield
    finally:
        closer.cancel()
        await supervisor.stop()
        await moderation.stop()
        await escrow.aclose()
        await payouts.aclose()
        await http.aclose()
        await close_redis()
        await pg.close()
        await dispose_engine()


def create_app() -> FastAPI:
    app = FastAPI(title="Live Auctions", lifespan=lifespan)

    @app.middleware("http")
    async def request_id(request: Request, call_next):
        rid = request.headers.get("X-Request-ID") or uuid.uuid4().hex
        token = request_id_var.set(rid)
        try:
            response = await call_next(request)
        finally:
            request_id_var.reset(token)
        response.headers["X-Request-ID"] = rid
        return response

    for module in (auth, lots, bids, images, search, payments, admin, health):
        app.include_router(module.router)
    app.include_router(bids.mine)
    app.include_router(bid_stream.router)
    app.include_router(admin.ws_router)
    return app


app = create_app()
