from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI
from prometheus_client import make_asgi_app

from .clients.payer import ClaimsGateway, EligibilityClient
from .clients.pharmacy import PharmacyNetworkClient
from .clients.sms import SmsClient
from .clients.video_provider import VideoProviderClient
from .config import settings
from .db import apply_migrations, close_pools, close_redis, init_raw_pool, redis
from .errors import domain_error_handler, DomainError
from .observability import configure_logging, get_logger
from .repositories.events_repo import VisitEventRepository
from .routers import admin, appointments, clinicians, patients, prescriptions, visits_ws
from .services.eligibility import close_directory
from .services.notifications import Notifier
from .services.signalling import PresenceService, SignallingHub
from .workers.hold_reaper import HoldReaper
from .workers.outbound import ClaimsWorker, ErxDispatcher
from .workers.reminders import ReminderWorker
from .workers.scheduler import PeriodicJob, Scheduler, supervise
from .workers.visit_jobs import EligibilityRefresher, NoShowSweeper

log = get_logger(__name__)


@asynccontextmanager
async def lifespan(app: FastAPI):
    configure_logging("DEBUG" if settings.environment == "development" else "INFO")
    pool = await init_raw_pool()
    await apply_migrations(pool)

    sms = SmsClient()
    pharmacy = PharmacyNetworkClient()
    eligibility = EligibilityClient()
    video = VideoProviderClient()
    gateway = ClaimsGateway()
    await gateway.start()

    notifier = Notifier(sms)
    events = VisitEventRepository(pool)
    app.state.notifier = notifier
    app.state.pharmacy_client = pharmacy
    app.state.eligibility_client = eligibility
    app.state.hub = SignallingHub(video, events)
    presence = PresenceService(redis)
    app.state.presence = presence

    scheduler = Scheduler(redis)
    scheduler.add(PeriodicJob("claims", ClaimsWorker(pool, gateway).run_once, every=120))
    scheduler.add(PeriodicJob("erx", ErxDispatcher(pharmacy).run_once, every=15))
    scheduler.add(PeriodicJob("hold-reaper", HoldReaper(redis).run_once, every=60))
    scheduler.add(PeriodicJob("no-show", NoShowSweeper(notifier).run_once, every=300))
    scheduler.add(PeriodicJob("eligibility", EligibilityRefresher(eligibility).run_once, every=3600, exclusive=True))
    scheduler.start()

    stop = asyncio.Event()
    reminder_task = asyncio.create_task(ReminderWorker(notifier, events).run_forever(stop), name="reminders")
    relay_task = asyncio.create_task(
        supervise("lobby-relay", lambda: presence.relay_lobby(visits_ws.notify_lobby)), name="lobby-relay"
    )
    log.info("startup_complete", environment=settings.environment)
    try:
        yield
    finally:
        stop.set()
        relay_task.cancel()
        await scheduler.stop()
        await asyncio.gather(reminder_task, relay_task, return_exceptions=True)
        await asyncio.gather(
            sms.aclose(), pharmacy.aclose(), eligibility.close(), video.aclose(), gateway.close(), close_directory()
        )
        await close_redis()
        await close_pools()


def create_app() -> FastAPI:
    app = FastAPI(title="Telehealth Clinic API", version="2.3.0", lifespan=lifespan)
    app.add_exception_handler(DomainError, domain_error_handler)
    app.include_router(patients.auth_router)
    for module in (patients, clinicians, appointments, prescriptions, visits_ws, admin):
        app.include_router(module.router)
    app.include_router(admin.ops_router)
    app.mount("/metrics", make_asgi_app())
    return app


app = create_app()
