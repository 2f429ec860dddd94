"""Application factory and lifespan wiring."""
from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI

from svc.api import admin, drivers, health, payments, riders, trips
from svc.cache.driver_cache import DriverProfileCache
from svc.clients.bank_client import BankClient
from svc.clients.maps_client import MapsClient
from svc.clients.payments_client import PaymentsClient
from svc.services.notification_service import NotificationService, SmsClient
from svc.clients.telematics import TelematicsFeed
from svc.config import configure_logging, get_settings
from svc.db.engine import close_redis, create_pool, dispose_engine, init_engine, init_redis
from svc.db.schema import apply_schema
from svc.repositories.location_repo import LocationRepository
from svc.repositories.payout_repo import PayoutRepository
from svc.services.eta_service import EtaService
from svc.services.payout_service import PayoutService
from svc.services.receipt_service import ReceiptService
from svc.services.surge import SurgeService
from svc.services.wallet import WalletService
from svc.workers.dispatcher import Dispatcher
from svc.workers.location_flusher import LocationFlusher
from svc.workers.payout_worker import PayoutWorker
from svc.workers.stale_driver_reaper import StaleDriverReaper
from svc.utils.resilience import start_supervised
from svc.workers.surge_worker import SurgeWorker
from svc.workers.trip_expiry import TripExpiryWorker
from svc.ws import driver_socket, ops_socket, rider_socket
from svc.ws.hub import ConnectionHub

logger = logging.getLogger(__name__)


@asynccontextmanager
async def lifespan(app: FastAPI):
    settings = get_settings()
    configure_logging(settings)
    init_engine(settings)
    redis_client = init_redis(settings)
    pg_pool = await create_pool(settings)
    await apply_schema(pg_pool)

    state = app.state
    state.redis = redis_client
    state.pg_pool = pg_pool
    state.hub = ConnectionHub()
    state.maps = MapsClient(settings)
    state.payments = PaymentsClient(settings)
    state.bank = BankClient(settings)
    state.sms = SmsClient(settings)
    state.telematics = TelematicsFeed(settings)
    state.locations = LocationRepository(redis_client, pg_pool)
    state.eta = EtaService(state.maps)
    state.surge = SurgeService(redis_client)
    state.wallet = WalletService(redis_client)
    state.receipts = ReceiptService()
    state.notifications = NotificationService(state.sms, state.receipts)
    state.driver_cache = DriverProfileCache()
    state.location_queue = asyncio.Queue(maxsize=settings.location_queue_size)
    state.dispatcher = Dispatcher(redis_client, state.locations, state.maps, state.hub)

    surge_worker = SurgeWorker(redis_client, pg_pool, state.locations, settings.surge_recompute_seconds)
    payout_worker = PayoutWorker(PayoutService(PayoutRepository(pg_pool), state.bank))
    reaper = StaleDriverReaper(state.locations, state.hub, settings.location_stale_seconds)
    flusher = LocationFlusher(state.location_queue, state.locations)
    expiry = TripExpiryWorker(state.notifications)

    state.tasks = []
    start_supervised(state.tasks, "surge", surge_worker.run_forever)
    start_supervised(state.tasks, "payouts", payout_worker.run_forever)
    start_supervised(state.tasks, "reaper", reaper.run_forever)
    start_supervised(state.tasks, "trip-expiry", expiry.run_forever)
    state.tasks.append(asyncio.create_task(flusher.run_forever(), name="location-flusher"))
    state.tasks.append(asyncio.create_task(state.dispatcher.run(), name="dispatcher"))
    logger.info("dispatch api started")
    try:
        yield
    finally:
        for task in state.tasks:
            task.cancel()
        await asyncio.gather(*state.tasks, return_exceptions=True)
        await state.maps.aclose()
        await state.payments.close()
        await state.bank.close()
        await state.sms.aclose()
        await state.telematics.close()
        await pg_pool.close()
        await close_redis()
        await dispose_engine()


def create_app() -> FastAPI:
    app = FastAPI(title="dispatch", lifespan=lifespan)
    for module in (health, riders, trips, drivers, payments, admin):
        app.include_router(module.router)
    for module in (driver_socket, rider_socket, ops_socket):
        app.include_router(module.router)
    return app


app = create_app()
