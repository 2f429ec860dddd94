"""Application factory and lifespan: wiring clients, services and background workers."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import time
from pathlib import Path

from fastapi import FastAPI

from . import db, pg
from .cache import TariffCache, TariffInfo
from .clients.barrier_client import BarrierClient
from .clients.document_store import DocumentStore
from .clients.vehicles import LprClient
from .clients.notify_client import NotifyClient
from .clients.payment_provider import PaymentProvider
from .clients.vehicles import VehicleRegistry
from .config import get_settings
from .web import RequestContextMiddleware, RequestIdFilter
from .db import close_redis, init_redis
from .repositories.sensor_repo import SensorRepository
from .repositories.billing_repo import TariffRepository
from .routers import admin, fines, garages, health, officers, permits, sessions, webhooks
from .services.appeal_service import AppealService
from .services.fine_service import FineService
from .services.occupancy_service import OccupancyService
from .services.payment_service import PaymentService
from .services.permit_service import PermitService
from .services.session_service import SessionService
from .services.tariff_service import TariffService, TariffUnavailable
from .utils.telemetry import audit
from .utils.common import utcnow
from .workers.expiry_scanner import ExpiryScanner
from .workers.permit_renewal import PermitRenewalWorker
from .workers.reconciliation import Reconciler
from .workers.scheduler import DailyAt, Every, Scheduler
from .workers.sensor_bridge import SensorBridgePoller
from .workers.tariff_change import TariffChangeWorker
from . import realtime
from .realtime import FeedPublisher, OfficerRegistry, listen

log = logging.getLogger("parkops")


async def _supervise(name: str, factory: Callable[[], Awaitable[None]]) -> None:
    delay = 1.0
    while True:
        try:
            await factory()
            return
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("worker %s crashed; restarting in %.0fs", name, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 60.0)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    db.init_engine()
    sessions = db.session_factory()
    pool = await pg.open_pool()
    redis = init_redis()

    provider = PaymentProvider(settings)
    lpr = LprClient(settings)
    await lpr.start()
    notify = NotifyClient(settings)
    docs = DocumentStore(settings)
    registry = VehicleRegistry(settings)
    barrier = BarrierClient(settings.barrier_host, settings.barrier_port)

    async def load_tariff(zone_id: int) -> TariffInfo:
        async with sessions() as s:
            row = await TariffRepository(s).current(zone_id, utcnow())
        if row is None:
            raise TariffUnavailable(f"no tariff for zone {zone_id}")
        return TariffInfo(zone_id, row.rate_cents_per_hour, row.max_minutes)

    tariff_cache = TariffCache(load_tariff)
    tariff_service = TariffService(redis, tariff_cache)
    payment_service = PaymentService(provider, sessions, redis, settings.payment_webhook_secret)
    occupancy = OccupancyService(SensorRepository(pool), redis)
    fine_service = FineService(sessions, notify, registry, audit)
    permit_service = PermitService(sessions, payment_service, docs, settings)

    app.state.redis = redis
    app.state.lpr_client = lpr
    app.state.tariff_service = tariff_service
    app.state.payment_service = payment_service
    app.state.occupancy_service = occupancy
    app.state.fine_service = fine_service
    app.state.permit_service = permit_service
    app.state.appeal_service = AppealService(sessions, provider)
    app.state.session_service = SessionService(sessions, tariff_service, payment_service, notify, redis, barrier)
    app.state.officer_registry = OfficerRegistry(settings.ws_outbox_size)

    feed = FeedPublisher(redis)
    expiry = ExpiryScanner(sessions, feed, settings.grace_minutes)
    reconciler = Reconciler(sessions, provider, Path(settings.bank_statement_dir))
    renewals = PermitRenewalWorker(sessions, permit_service, notify, settings.renewal_concurrency)
    tariff_worker = TariffChangeWorker(sessions, redis, tariff_cache)

    scheduler = Scheduler()
    scheduler.add("tariff-change", Every(60), tariff_worker.run_once)
    scheduler.add("reconciliation", DailyAt(time(2, 30)), reconciler.run_nightly)
    scheduler.add("permit-renewal", DailyAt(time(3, 15)), renewals.renew_due)
    scheduler.add("fine-reminders", DailyAt(time(9, 0)), fine_service.overdue_reminders)

    tasks: dict[str, asyncio.Task] = {
        "feed-listener": asyncio.create_task(_supervise("feed-listener", lambda: listen(redis, app.state.officer_registry))),
        "sensor-drain": asyncio.create_task(_supervise("sensor-drain", occupancy.drain_forever)),
        "scheduler": asyncio.create_task(_supervise("scheduler", scheduler.run_forever)),
        "expiry-scanner": asyncio.create_task(expiry.run_forever(), name="expiry-scanner"),
    }
    if settings.sensor_bridge_url:
        bridge = SensorBridgePoller(settings.sensor_bridge_url, occupancy)
        tasks["sensor-bridge"] = asyncio.create_task(bridge.run_forever(), name="sensor-bridge")
    app.state.worker_tasks = tasks
    log.info("parkops started with %d workers", len(tasks))
    try:
        yield
    finally:
        for task in tasks.values():
            task.cancel()
        await asyncio.gather(*tasks.values(), return_exceptions=True)
        await provider.aclose()
        await lpr.close()
        await notify.aclose()
        await docs.aclose()
        await close_redis()
        await pg.close_pool()
        await db.dispose_engine()


def create_app() -> FastAPI:
    logging.getLogger().addFilter(RequestIdFilter())
    app = FastAPI(title="ParkOps", version="3.4.1", lifespan=lifespan)
    app.add_middleware(RequestContextMiddleware)
    for module in (sessions, permits, fines, officers, webhooks, garages, admin, health):
        app.include_router(module.router)
    app.include_router(realtime.router)
    return app


app = create_app()
