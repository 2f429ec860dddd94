"""Application factory and lifespan: wires clients, services, websocket gateway and workers."""
from __future__ import annotations

import asyncio
import logging
import os
import socket
from collections.abc import AsyncIterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from svc.cache import SiteConfigCache, TariffCache, build_redis
from svc.clients.energy import EnergyMarketClient, GridOperatorClient
from svc.clients.notifications import FleetWebhookService, NotificationClient, NotificationService
from svc.clients.object_store import ObjectStore
from svc.clients.payments import PaymentGateway
from svc.clients.roaming import RoamingHubClient
from svc.config import settings
from svc.db.engine import SessionFactory, TelemetryPool, dispose_engine
from svc.db.repositories.telemetry import TelemetryRepository
from svc.errors import register_error_handlers
from svc.observability import RequestIdMiddleware, configure_logging
from svc.ratelimit import LocalRateLimiter, RedisRateLimiter
from svc.routers import admin, chargepoints, drivers, health, sessions, tariffs
from svc.services.billing import BillingService, PaymentService
from svc.services.documents import CdrExporter, ReceiptRenderer, ReceiptService, ReportService
from svc.services.feeds import AuditLog, LiveHub, OperatorFeed, SessionEventPublisher
from svc.services.ocpp_dispatcher import OcppDispatcher
from svc.services.session_service import SessionTracker
from svc.services.smart_charging import LoadBalancer
from svc.services.tariffs import TariffService
from svc.services.token_auth import TokenAuthService
from svc.workers import supervise
from svc.workers.payment_capture import PaymentCaptureWorker
from svc.workers.reservation_expiry import ReservationExpiryWorker
from svc.workers.roaming_sync import CdrPushWorker, RoamingSyncWorker
from svc.workers.scheduler import SmartChargingScheduler
from svc.workers.telemetry_ingest import IngestPipeline
from svc.ws import app_feeds, ocpp_gateway
from svc.ws.ocpp_gateway import OcppGateway
from svc.ws.routing import ChargePointPresence, ConnectionRegistry, OcppCommandBus

log = logging.getLogger(__name__)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    configure_logging(settings.log_level)
    state = app.state
    state.started = False
    replica_id = f"{socket.gethostname()}-{os.getpid()}"

    redis = build_redis()
    telemetry_pool = TelemetryPool(
        settings.telemetry_dsn, min_size=settings.telemetry_pool_min, max_size=settings.telemetry_pool_max
    )
    await telemetry_pool.open()
    notify_http = httpx.AsyncClient(
        base_url=settings.notify_base_url, headers={"Authorization": f"Bearer {settings.notify_api_key}"}
    )
    payment_gateway = PaymentGateway()
    roaming_hub = RoamingHubClient()
    market = EnergyMarketClient()
    await roaming_hub.start()
    await market.start()
    grid = GridOperatorClient()
    object_store = ObjectStore()
    report_pool = ProcessPoolExecutor(max_workers=2)

    telemetry = TelemetryRepository(telemetry_pool, acquire_timeout=settings.telemetry_acquire_timeout)
    notifier = NotificationService(NotificationClient(notify_http))
    webhooks = FleetWebhookService(SessionFactory)
    tariff_cache = TariffCache(redis)
    tariff_service = TariffService(session_factory=SessionFactory, market=market)
    await tariff_service.refresh()
    payment_service = PaymentService(payment_gateway, SessionFactory)

    registry = ConnectionRegistry(max_connections=settings.ocpp_max_connections)
    presence = ChargePointPresence(redis, replica_id, ttl=settings.ocpp_heartbeat_interval * 3)
    command_bus = OcppCommandBus(redis, presence, replica_id=replica_id)
    events = SessionEventPublisher(redis)
    live_hub = LiveHub()
    operator_feed = OperatorFeed(redis)
    pipeline = IngestPipeline(telemetry, batch_size=settings.ingest_batch_size)

    def billing_factory(db: AsyncSession) -> BillingService:
        return BillingService(
            db,
            tariff_service=tariff_service,
            tariff_cache=tariff_cache,
            gateway=payment_gateway,
            webhooks=webhooks,
            notifier=notifier,
        )

    dispatcher = OcppDispatcher(
        session_factory=SessionFactory,
        token_auth=TokenAuthService(SessionFactory, roaming_hub),
        tracker=SessionTracker(),
        pipeline=pipeline,
        events=events,
        audit=AuditLog(SessionFactory),
        rate_limiter=RedisRateLimiter(redis),
        billing_factory=billing_factory,
        operator_feed=operator_feed,
        telemetry=telemetry,
        roaming=roaming_hub,
    )

    state.redis = redis
    state.telemetry_pool = telemetry_pool
    state.telemetry = telemetry
    state.notifier = notifier
    state.payment_gateway = payment_gateway
    state.payment_service = payment_service
    state.tariff_cache = tariff_cache
    state.tariff_service = tariff_service
    state.registry = registry
    state.command_bus = command_bus
    state.live_hub = live_hub
    state.operator_feed = operator_feed
    state.ingest_pipeline = pipeline
    state.object_store = object_store
    state.receipts = ReceiptService(ReceiptRenderer(settings.templates_dir), tariff_cache)
    state.reports = ReportService(report_pool)
    state.local_limiter = LocalRateLimiter(settings.rate_limit_per_minute)
    state.ocpp_gateway = OcppGateway(
        registry=registry, dispatcher=dispatcher, session_factory=SessionFactory, presence=presence
    )

    roaming_sync = RoamingSyncWorker(redis=redis, hub=roaming_hub, exporter=CdrExporter(SessionFactory, object_store))
    expiry = ReservationExpiryWorker(session_factory=SessionFactory, bus=command_bus, notifier=notifier)
    tasks: list[asyncio.Task[None]] = [
        asyncio.create_task(pipeline.run(), name="telemetry-ingest"),
        asyncio.create_task(command_bus.serve_local(registry), name="ocpp-command-bus"),
        asyncio.create_task(live_hub.run(redis), name="live-hub"),
        asyncio.create_task(operator_feed.listen(), name="operator-feed-listen"),
        asyncio.create_task(operator_feed.flush_forever(), name="operator-feed-flush"),
        asyncio.create_task(PaymentCaptureWorker(session_factory=SessionFactory, payments=payment_service).run(), name="payment-capture"),
        asyncio.create_task(CdrPushWorker(session_factory=SessionFactory, hub=roaming_hub, batch_size=settings.cdr_batch_size).run(), name="cdr-push"),
        asyncio.create_task(supervise("roaming-sync", roaming_sync.run), name="roaming-sync"),
        asyncio.create_task(expiry.run(), name="reservation-expiry"),
    ]
    if settings.run_scheduler:
        scheduler = SmartChargingScheduler(
            session_factory=SessionFactory,
            redis=redis,
            grid=grid,
            market=market,
            bus=command_bus,
            site_cache=SiteConfigCache(SessionFactory),
            balancer=LoadBalancer(),
        )
        tasks.append(asyncio.create_task(scheduler.run(), name="smart-charging"))

    state.started = True
    log.info("replica %s started with %d background tasks", replica_id, len(tasks))
    try:
        yield
    finally:
        state.started = False
        live_hub.close()
        await operator_feed.close_all()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await notify_http.aclose()
        await payment_gateway.aclose()
        await roaming_hub.close()
        await market.close()
        grid.close()
        report_pool.shutdown(wait=False, cancel_futures=True)
        await telemetry_pool.close()
        await redis.aclose()
        await dispose_engine()


def create_app() -> FastAPI:
    app = FastAPI(title="EV Charging Network Backend", version="3.4.0", lifespan=lifespan)
    app.add_middleware(RequestIdMiddleware)
    register_error_handlers(app)
    for module in (health, sessions, drivers, tariffs, chargepoints, admin, ocpp_gateway, app_feeds):
        app.include_router(module.router)
    return app


app = create_app()
