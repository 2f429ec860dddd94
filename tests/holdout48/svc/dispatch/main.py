"""Application factory and lifespan wiring."""
from __future__ import annotations

import logging
import socket
import time
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware

from dispatch.clients.bank import BankClient
from dispatch.clients.maps import MapsClient
from dispatch.clients.psp import PSPClient
from dispatch.clients.push import PushClient
from dispatch.clients.sms import SMSClient
from dispatch.config import get_settings
from dispatch.db import engine as pg
from dispatch.db.engine import engine
from dispatch.redis_client import redis
from dispatch.repositories.payouts import PayoutRepository
from dispatch.repositories.reports import ReportRepository
from dispatch.routers import admin, drivers, health, trips, webhooks
from dispatch.services.auth import AuthService
from dispatch.services.drivers import DriverProfileService
from dispatch.services.geo_index import GeoIndex
from dispatch.services.matching import MatchingService
from dispatch.services.notifications import Notifier
from dispatch.services.payments import PaymentService
from dispatch.services.payouts import PayoutService
from dispatch.services.presence import PresenceService
from dispatch.services.pricing import PricingService, PromotionService
from dispatch.services.reporting import ReportingService
from dispatch.services.surge import SurgeService
from dispatch.services.trips import TripService
from dispatch.utils.metrics import OpsStats
from dispatch.utils.ratelimit import LocalRateLimiter
from dispatch.workers.location_ingest import LocationIngest
from dispatch.workers.notification_dispatcher import NotificationDispatcher
from dispatch.workers.payout_worker import PayoutWorker
from dispatch.workers.reaper import StaleTripReaper
from dispatch.workers.supervisor import Supervisor
from dispatch.workers.surge_worker import SurgeWorker
from dispatch.ws import driver_socket, ops_socket, rider_socket
from dispatch.ws.connections import ConnectionManager

logger = logging.getLogger("dispatch")

CITIES = ["nyc", "sf", "chi"]


@asynccontextmanager
async def lifespan(app: FastAPI):
    settings = get_settings()
    pool = await pg.init_pool()

    psp = PSPClient(settings)
    sms = SMSClient(settings)
    maps = MapsClient(settings)
    await sms.start()
    await maps.start()
    push = PushClient(settings)
    bank = BankClient(settings)

    geo = GeoIndex(redis, settings.zones_file)
    await geo.load()
    connections = ConnectionManager(settings.max_ws_connections)
    notifier = Notifier(push, sms, settings.notification_concurrency)
    presence = PresenceService(redis, geo, settings.offer_timeout_seconds)
    surge = SurgeService(redis, geo, settings.surge_cap)
    pricing = PricingService(redis, maps, surge)
    payments = PaymentService(psp)
    matching = MatchingService(settings, geo, presence, maps, connections, notifier)
    report_repo = ReportRepository(pool)
    payout_repo = PayoutRepository(pool)
    ingest = LocationIngest(geo)

    app.state.settings = settings
    app.state.redis = redis
    app.state.geo = geo
    app.state.connections = connections
    app.state.presence = presence
    app.state.pricing = pricing
    app.state.promotions = PromotionService(redis)
    app.state.ingest = ingest
    app.state.report_repo = report_repo
    app.state.trips = TripService(geo, pricing, surge, matching, presence, payments, notifier)
    app.state.payouts = PayoutService(payout_repo)
    app.state.auth = AuthService(redis, sms)
    app.state.profiles = DriverProfileService(redis)
    app.state.reporting = ReportingService(report_repo, settings.report_dir)
    app.state.trip_limiter = LocalRateLimiter(settings.trip_request_limit_per_minute)
    app.state.ops_stats = OpsStats(redis)

    supervisor = Supervisor()
    supervisor.spawn("location-ingest", ingest.run)
    payout_worker = PayoutWorker(payout_repo, bank, notifier, settings.payout_batch_size)
    supervisor.spawn("payouts", payout_worker.run)
    supervisor.spawn("payout-sweep", lambda: payout_worker.sweep_forever(redis))
    supervisor.spawn("reaper", StaleTripReaper(notifier).run)
    supervisor.spawn("notifications", NotificationDispatcher(redis, notifier, socket.gethostname()).run)
    supervisor.spawn("surge", SurgeWorker(redis, surge, notifier, CITIES, settings.surge_interval_seconds).run)
    logger.info("dispatch started (env=%s)", settings.env)
    try:
        yield
    finally:
        await supervisor.shutdown()
        await psp.aclose()
        await sms.close()
        await maps.close()
        await pg.close_pool()
        await redis.aclose()
        await engine.dispose()


def create_app() -> FastAPI:
    settings = get_settings()
    app = FastAPI(title="dispatch", lifespan=lifespan)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.allowed_origins,
        allow_methods=["*"],
        allow_headers=["*"],
    )

    @app.middleware("http")
    async def request_stats(request: Request, call_next):
        started = time.perf_counter()
        response = await call_next(request)
        response.headers["X-Response-Time-ms"] = f"{(time.perf_counter() - started) * 1000:.1f}"
        return response

    for module in (trips, drivers, admin, webhooks, health):
        app.include_router(module.router)
    for module in (driver_socket, rider_socket, ops_socket):
        app.include_router(module.router)
    return app


app = create_app()
