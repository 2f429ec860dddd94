from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
import time
from collections.abc import AsyncIterator

from fastapi import FastAPI

from . import __version__
from .clients.badge_printer import BadgePrinter
from .clients.locks import LockVendorClient
from .clients.messaging import MailClient, SmsClient
from .clients.payments import PaymentsClient
from .clients.tax import TaxClient
from .db import build_engine, build_pubsub_redis, build_redis, build_sessionmaker, create_pg_pool
from .errors import install_error_handlers
from .middleware import KioskRateLimitMiddleware, RequestIdFilter, RequestIdMiddleware
from .repositories.access import DoorEventStore
from .repositories.occupancy import OccupancyStore
from .routers import access, bookings, health, locations, members, reports, visitors, webhooks
from .services.access_service import AccessService
from .services.availability import AvailabilityService
from .services.live_hub import AvailabilityHub
from .services.notifications import Notifier
from .services.occupancy_service import OccupancyService
from .services.visitor_service import VisitorService
from .settings import Settings, get_settings
from .utils.concurrency import KeyedLocks, TaskTracker
from .utils.resilience import CircuitBreaker
from .ws import availability as ws_availability
from .ws import door_events as ws_door_events
from .ws import frontdesk as ws_frontdesk

logger = logging.getLogger("deskhub")


def configure_logging(settings: Settings) -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.addFilter(RequestIdFilter())
    logging.basicConfig(level=settings.log_level, handlers=[handler], force=True,
                        format="%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    configure_logging(settings)
    state = app.state
    state.settings = settings

    engine = build_engine(settings)
    state.sessionmaker = build_sessionmaker(engine)
    state.pg_pool = await create_pg_pool(settings)
    state.redis = build_redis(settings)
    pubsub_redis = build_pubsub_redis(settings)

    state.payments = PaymentsClient(settings.payments_base_url, settings.payments_api_key)
    state.payments_breaker = CircuitBreaker("paywell", failure_threshold=5, reset_after=30.0)
    state.locks = LockVendorClient(settings.locks_base_url, settings.locks_client_id, settings.locks_client_secret)
    await state.locks.start()
    mail = MailClient(settings.mail_base_url, settings.mail_api_key)
    state.notifier = Notifier(mail, SmsClient(settings.sms_base_url, settings.sms_api_key))
    state.tax = TaxClient(settings.tax_base_url, settings.tax_api_key)

    state.tasks = TaskTracker()
    state.member_locks = KeyedLocks()
    state.room_locks = KeyedLocks()
    state.hub = AvailabilityHub(state.redis, pubsub_redis)
    state.availability = AvailabilityService(state.sessionmaker, state.redis, state.hub, settings)
    state.door_events = DoorEventStore(state.pg_pool)
    state.access = AccessService(state.sessionmaker, state.locks, state.door_events, state.redis)
    state.visitors = VisitorService(state.sessionmaker, state.redis, BadgePrinter(settings.badge_printer_port),
                                    state.notifier, state.tasks, settings.visitor_daily_limit)
    state.occupancy = OccupancyService(OccupancyStore(state.pg_pool))
    state.frontdesk = ws_frontdesk.FrontDeskConsoles(pubsub_redis)

    hub_listener = asyncio.create_task(state.hub.listen(), name="availability-hub")
    frontdesk_listener = asyncio.create_task(state.frontdesk.listen(), name="frontdesk-listener")
    state.started_at = time.monotonic()
    logger.info("deskhub %s started (%s)", __version__, settings.environment)
    try:
        yield
    finally:
        for task in (hub_listener, frontdesk_listener):
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await state.tasks.shutdown()
        await state.locks.close()
        await state.payments.aclose()
        await mail.aclose()
        await state.redis.aclose()
        await pubsub_redis.aclose()
        await state.pg_pool.close()
        await engine.dispose()


def create_app() -> FastAPI:
    settings = get_settings()
    app = FastAPI(title="Deskhub", version=__version__, lifespan=lifespan)
    app.add_middleware(KioskRateLimitMiddleware, per_minute=settings.kiosk_requests_per_minute)
    app.add_middleware(RequestIdMiddleware)
    install_error_handlers(app)
    for module in (health, locations, bookings, members, access, visitors, webhooks, reports):
        app.include_router(module.router)
    for module in (ws_availability, ws_frontdesk, ws_door_events):
        app.include_router(module.router)
    return app


app = create_app()
