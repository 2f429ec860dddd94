"""Application factory for the flight operations API."""
from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request

from .cache.stores import RedisJsonCache
from .config import get_settings
from .db import pg
from .db.engine import dispose_engine, init_engine
from .errors import OpsError, ops_error_handler
from .integrations.clients import FleetClient, SmsGateway, WeatherClient
from .integrations.gds import GdsClient
from .integrations.legacy_dcs import LegacyDcs
from .integrations.partner_loyalty import PartnerLoyaltyClient
from .observability import RequestContextMiddleware, configure_logging
from .redis_client import close_redis, init_redis
from .routers import admin, boarding, checkin, flights, loyalty, seats, waitlist
from .services.boarding_pass import BoardingPassService
from .services.checkin import CheckinService
from .services.flight_status import FlightStatusService
from .services.holds import HoldService
from .services.inventory import InventoryService
from .services.loyalty import LoyaltyService
from .services.notifications import NotificationService
from .services.schedule import ScheduleService
from .services.upgrades import UpgradeService
from .workers.base import WorkerRunner
from .workers.delay_notifier import DelayNotifier
from .workers.outbox_dispatcher import OutboxDispatcher
from .workers.scheduled import AutoCheckinScheduler, GdsSyncWorker, HoldExpiryWorker, run_waitlist_upgrades
from .ws import endpoints as ws_endpoints
from .ws.manager import GateChangeHub

log = logging.getLogger(__name__)


@asynccontextmanager
async def lifespan(app: FastAPI):
    settings = get_settings()
    configure_logging()
    init_engine(settings)
    await pg.init_pool(settings)
    redis = init_redis(settings)

    gds = GdsClient(settings.gds_base_url, settings.gds_api_key, timeout=settings.http_timeout)
    partner = PartnerLoyaltyClient(settings.partner_loyalty_url, settings.partner_loyalty_token)
    await partner.start()
    weather = WeatherClient(settings.weather_url)
    fleet = FleetClient(settings.fleet_url, timeout=settings.http_timeout)
    sms = SmsGateway(settings.sms_url, settings.sms_token)
    dcs = LegacyDcs(settings)

    notifications = NotificationService(sms)
    await notifications.start()
    loyalty_service = LoyaltyService(partner)
    boarding = BoardingPassService(settings, redis)
    upgrades = UpgradeService()
    schedule = ScheduleService(gds)
    hub = GateChangeHub(redis)
    await hub.start()

    app.state.gds = gds
    app.state.partner_loyalty = partner
    app.state.weather = weather
    app.state.fleet = fleet
    app.state.notifications = notifications
    app.state.gate_hub = hub
    app.state.inventory = InventoryService(fleet)
    app.state.holds = HoldService(redis, settings)
    app.state.loyalty = loyalty_service
    app.state.boarding = boarding
    app.state.schedule = schedule
    app.state.checkin = CheckinService(redis, dcs, boarding, loyalty_service, notifications)
    app.state.kiosk_pins = {}
    app.state.upgrades = upgrades
    app.state.flight_status = FlightStatusService(RedisJsonCache(redis, default_ttl=30), dcs)

    runner = WorkerRunner()
    app.state.runner = runner
    interval = settings.worker_interval_seconds
    runner.spawn("hold-expiry", HoldExpiryWorker(redis, interval).run)
    runner.spawn("waitlist-upgrades", lambda: run_waitlist_upgrades(upgrades, interval * 4))
    runner.spawn("auto-checkin", AutoCheckinScheduler(redis, app.state.checkin).run)
    runner.spawn("outbox", OutboxDispatcher(sms, redis).run)
    runner.spawn("gds-sync", GdsSyncWorker(redis, schedule).run)
    delay_notifier = DelayNotifier(sms)
    app.state.delay_task = asyncio.create_task(delay_notifier.run(), name="delay-notifier")

    log.info("flight-ops started (%s)", settings.environment)
    try:
        yield
    finally:
        delay_notifier.stop()
        app.state.delay_task.cancel()
        await runner.stop()
        await notifications.stop()
        await hub.stop()
        for client in (gds, partner, weather, fleet, sms):
            await client.close()
        await close_redis()
        await pg.close_pool()
        await dispose_engine()


def create_app() -> FastAPI:
    app = FastAPI(title="Flight Operations API", version="2.3.0", lifespan=lifespan)
    app.add_middleware(RequestContextMiddleware)
    app.add_exception_handler(OpsError, ops_error_handler)
    for module in (flights, seats, checkin, boarding, loyalty, waitlist, admin):
        app.include_router(module.router)
    app.include_router(ws_endpoints.router)

    @app.get("/health", tags=["health"])
    async def health(request: Request) -> dict:
        """Probe used by the load balancer and the k8s readiness check."""
        runner: WorkerRunner = request.app.state.runner
        return {"status": "ok", "service": get_settings().service_name, "workers": runner.status()}

    return app


app = create_app()
