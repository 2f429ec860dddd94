"""Application factory and lifespan wiring."""
from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI

from adbid.cache.campaign_cache import CampaignCache
from adbid.cache.redis_client import create_pubsub_redis, create_redis
from adbid.clients.audit_client import AuditClient
from adbid.clients.billing_client import BillingClient
from adbid.clients.exchange_client import ExchangeClient
from adbid.clients.fx_client import FxClient
from adbid.clients.geo_client import GeoClient
from adbid.config import Settings, get_settings
from adbid.db import engine as db_engine
from adbid.db.pg import EventsDatabase
from adbid.repositories.events import EventsRepository
from adbid.routers import advertisers, bidding, campaigns, ops, reports, tracking
from adbid.services.bidder import Bidder
from adbid.services.budget import BudgetService
from adbid.services.fraud import FraudScorer
from adbid.services.pacing import PacingService
from adbid.services.targeting import FrequencyCapper
from adbid.services.tracking_service import TrackingService
from adbid.utils.logging_setup import configure_logging
from adbid.workers.maintenance import AuditWorker, CacheRefresher
from adbid.workers.event_flusher import EventFlusher
from adbid.workers.pacing_worker import PacingWorker
from adbid.workers.reconciliation import ReconciliationWorker
from adbid.workers.report_worker import ReportWorker
from adbid.workers.scheduler import Scheduler
from adbid.ws import dashboard
from adbid.ws.hub import DashboardHub, SpendPublisher

log = logging.getLogger(__name__)


def _build_state(app: FastAPI, settings: Settings) -> None:
    state = app.state
    state.redis = create_redis(settings)
    state.pubsub_redis = create_pubsub_redis(settings)
    state.events_db = EventsDatabase(settings)
    state.events = EventsRepository(state.events_db)
    state.campaign_cache = CampaignCache(state.redis)
    state.budget = BudgetService(state.redis)
    state.pacing = PacingService(state.redis, state.budget)
    state.geo = GeoClient(settings)
    state.fx = FxClient(settings)
    state.billing = BillingClient(settings)
    state.audit = AuditClient(settings)
    state.exchanges = ExchangeClient()
    state.publisher = SpendPublisher(state.redis)
    state.hub = DashboardHub(state.pubsub_redis, settings.dashboard_max_connections)
    state.bidder = Bidder(settings, state.campaign_cache, state.pacing, state.budget, state.geo,
                          state.events, FrequencyCapper(), advertiser_domains={})
    state.tracking = TrackingService(settings, state.redis, state.events, state.budget,
                                     FraudScorer(settings), state.publisher, state.campaign_cache)
    state.report_worker = ReportWorker(settings, state.events)
    state.reconciler = ReconciliationWorker(settings, state.redis, state.billing)
    state.scheduler = Scheduler()


@asynccontextmanager
async def lifespan(app: FastAPI):
    settings = get_settings()
    configure_logging()
    _build_state(app, settings)
    state = app.state
    await state.events_db.start()
    await state.billing.start()
    warmed = await state.campaign_cache.warm_from_redis()
    log.info("warmed %d campaigns from redis", warmed)

    scheduler: Scheduler = state.scheduler
    scheduler.add("cache-refresh", CacheRefresher(state.campaign_cache, state.fx).run_forever)
    scheduler.add("pacing", PacingWorker(settings, state.redis, state.campaign_cache,
                                         state.pacing, state.budget).run_forever)
    scheduler.add("flusher", EventFlusher(settings, state.redis, state.events).run_forever)
    scheduler.add("reconcile", state.reconciler.run_forever)
    scheduler.add("audit", AuditWorker(state.audit).run_forever)
    scheduler.add("dashboard-listener", state.hub.run_listener)
    scheduler.start()
    state.report_worker.start()
    state.started = True
    try:
        yield
    finally:
        state.started = False
        await scheduler.stop()
        await state.report_worker.stop()
        await asyncio.gather(
            state.geo.aclose(), state.fx.aclose(), state.audit.aclose(), state.billing.close(),
            state.exchanges.aclose(),
            return_exceptions=True,
        )
        await state.events_db.stop()
        await state.redis.aclose()
        await state.pubsub_redis.aclose()
        await db_engine.dispose()


def create_app() -> FastAPI:
    app = FastAPI(title="adbid", lifespan=lifespan)
    app.include_router(ops.probes)
    app.include_router(advertisers.router)
    app.include_router(campaigns.router)
    app.include_router(bidding.router)
    app.include_router(tracking.router)
    app.include_router(reports.router)
    app.include_router(ops.router)
    app.include_router(dashboard.router)
    return app


app = create_app()
