"""ASGI entry point: app factory, lifespan wiring, middleware and routers."""
from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse

from svc.api import billing as billing_api
from svc.api import classes as classes_api
from svc.api import members as members_api
from svc.api import ops as ops_api
from svc.api import wearables as wearables_api
from svc.cache import JsonCache, RedisRateLimiter, build_leaderboard_redis, build_main_redis
from svc.clients.messaging import EmailClient, PushClient
from svc.clients.partners import InstructorDirectory, ReportUploader
from svc.clients.payments import PaymentsClient
from svc.clients.wearables import WearablesClient
from svc.config import get_settings
from svc.db.postgres import Database, engine
from svc.errors import install_error_handlers
from svc.repositories.bookings import BookingRepository
from svc.repositories.members import MemberRepository
from svc.services.billing import BillingService
from svc.services.bookings import BookingService
from svc.services.classes import AttendanceTracker, ClassPhaseStore
from svc.services.leaderboard import LeaderboardHub
from svc.services.members import MemberService
from svc.services.notifications import Notifier
from svc.services.reports import ReportService
from svc.services.waitlist import WaitlistService
from svc.services.wearables import DeviceService, LiveZones, SampleIngestor
from svc.workers import WaitlistPromoter, build_scheduler

logger = logging.getLogger("svc")

REQUEST_TIMEOUT_SECONDS = 30.0


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    db = Database(settings)
    await db.connect()
    redis = build_main_redis(settings)
    leaderboard_redis = build_leaderboard_redis(settings)

    payments = PaymentsClient(settings)
    wearables = WearablesClient(settings)
    await wearables.start()
    push = PushClient(settings)
    await push.start()
    email = EmailClient(settings)
    directory = InstructorDirectory(settings)
    uploader = ReportUploader(settings)

    member_repo = MemberRepository(db)
    booking_repo = BookingRepository(db)
    notifier = Notifier(settings, db, push, email)
    waitlist = WaitlistService(settings, db, booking_repo, notifier)
    billing = BillingService(settings, db, redis, payments, member_repo)
    leaderboard = LeaderboardHub(leaderboard_redis, member_repo)
    reports = ReportService(settings, db, redis, member_repo, uploader)
    ingestor = SampleIngestor(db)
    ingestor.start()

    app.state.db = db
    app.state.redis = redis
    app.state.leaderboard_redis = leaderboard_redis
    app.state.directory = directory
    app.state.member_repo = member_repo
    app.state.booking_repo = booking_repo
    app.state.notifier = notifier
    app.state.waitlist = waitlist
    app.state.billing = billing
    app.state.leaderboard = leaderboard
    app.state.reports = reports
    app.state.ingestor = ingestor
    app.state.members = MemberService(settings, member_repo, JsonCache(redis, "profile", ttl_seconds=300))
    app.state.bookings = BookingService(
        db, booking_repo, member_repo, waitlist, notifier, RedisRateLimiter(redis, "rl:book", limit=20, window_seconds=60)
    )
    app.state.attendance = AttendanceTracker()
    app.state.phases = ClassPhaseStore(redis)
    app.state.devices = DeviceService(db, wearables)
    app.state.live_zones = LiveZones(leaderboard)

    scheduler = build_scheduler(db, member_repo, notifier, billing, reports)
    scheduler.start()
    promoter = WaitlistPromoter(
        db, redis, booking_repo, waitlist, settings.promoter_interval_seconds, settings.db_acquire_timeout
    )
    promoter_task = asyncio.create_task(promoter.run(), name="waitlist-promoter")
    listener_task = asyncio.create_task(leaderboard.listen(), name="leaderboard-listener")
    logger.info("%s started", settings.service_name)
    try:
        yield
    finally:
        promoter.stop()
        scheduler.shutdown(wait=False)
        listener_task.cancel()
        await ingestor.stop()
        await asyncio.gather(promoter_task, listener_task, return_exceptions=True)
        await payments.aclose()
        await directory.aclose()
        await uploader.aclose()
        await wearables.close()
        await push.close()
        await notifier.close()
        await redis.aclose()
        await leaderboard_redis.aclose()
        await db.close()
        await engine.dispose()


def create_app() -> FastAPI:
    app = FastAPI(title="Fit booking", lifespan=lifespan)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["https://app.fitcorp.example", "https://instructors.fitcorp.example"],
        allow_methods=["*"],
        allow_headers=["*"],
    )

    @app.middleware("http")
    async def request_context(request: Request, call_next) -> Response:
        request_id = request.headers.get("x-request-id") or uuid.uuid4().hex
        started = time.perf_counter()
        try:
            response = await asyncio.wait_for(call_next(request), timeout=REQUEST_TIMEOUT_SECONDS)
        except asyncio.TimeoutError:
            logger.warning("request %s %s timed out id=%s", request.method, request.url.path, request_id)
            return JSONResponse(status_code=504, content={"error": "timeout", "request_id": request_id})
        response.headers["x-request-id"] = request_id
        logger.info(
            "%s %s %s %.1fms id=%s",
            request.method,
            request.url.path,
            response.status_code,
            (time.perf_counter() - started) * 1000,
            request_id,
        )
        return response

    install_error_handlers(app)
    app.include_router(ops_api.router)
    app.include_router(members_api.router)
    app.include_router(classes_api.router)
    app.include_router(billing_api.router)
    app.include_router(wearables_api.router)
    return app


app = create_app()
