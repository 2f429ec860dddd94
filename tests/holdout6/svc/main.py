"""FastAPI application: routers, lifespan, error mapping."""
from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Awaitable, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from svc.api import admin, availability, bookings, health, summaries, uploads, video, ws
from svc.cache.redis_client import redis
from svc.clients.email import EmailClient
from svc.clients.insurance import EligibilityClient
from svc.clients.sms import SmsClient
from svc.clients.video_api import VideoApiClient
from svc.config import get_settings
from svc.db.base import engine
from svc.db.raw import close_pool, open_pool
from svc.errors import DomainError
from svc.logging_setup import configure_logging, request_id_var
from svc.realtime.dashboard import dashboard
from svc.realtime.pubsub import pubsub_redis
from svc.realtime.waiting_room import WaitingRoomHub
from svc.services.notifications import NotificationDispatcher
from svc.tasks import tasks
from svc.workers.hold_sweeper import HoldSweeper
from svc.workers.reminders import ReminderScheduler

logger = logging.getLogger(__name__)


async def supervise(name: str, factory: Callable[[], Awaitable[None]]) -> None:
    delay = 1.0
    while True:
        try:
            await factory()
            delay = 1.0
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("%s crashed, restarting in %.0fs", name, delay)
        await asyncio.sleep(delay)
        delay = min(delay * 2, 60.0)


@asynccontextmanager
async def lifespan(app: FastAPI):
    settings = get_settings()
    configure_logging()
    pool = await open_pool()
    email = EmailClient(settings)
    sms = SmsClient(settings)
    video_client = VideoApiClient(settings)
    await video_client.start()
    eligibility_client = EligibilityClient(settings)
    dispatcher = NotificationDispatcher(email, sms)
    hub = WaitingRoomHub(settings.waiting_room_max_connections)

    app.state.redis = redis
    app.state.video_client = video_client
    app.state.eligibility_client = eligibility_client
    app.state.dispatcher = dispatcher
    app.state.waiting_room = hub

    background = [
        tasks.spawn(dispatcher.run(), name="notification-dispatcher"),
        tasks.spawn(supervise("waiting-room-listener", lambda: hub.listen(pubsub_redis))),
    ]
    app.state.sweeper = asyncio.create_task(HoldSweeper().run(), name="hold-sweeper")
    scheduler = ReminderScheduler(redis, pool, sms, email, settings)
    app.state.reminders = asyncio.create_task(scheduler.run_forever(), name="reminders")
    try:
        yield
    finally:
        for task in (*background, app.state.sweeper, app.state.reminders):
            task.cancel()
        await tasks.drain()
        await dashboard.clear()
        await video_client.close()
        await eligibility_client.aclose()
        await email.aclose()
        await close_pool()
        await pubsub_redis.aclose()
        await engine.dispose()


app = FastAPI(title="Telemedicine booking", lifespan=lifespan)


@app.middleware("http")
async def request_id_middleware(request: Request, call_next):
    token = request_id_var.set(request.headers.get("x-request-id") or uuid.uuid4().hex)
    try:
        return await asyncio.wait_for(call_next(request), timeout=30)
    finally:
        request_id_var.reset(token)


@app.exception_handler(DomainError)
async def domain_error_handler(request: Request, exc: DomainError) -> JSONResponse:
    return JSONResponse(status_code=exc.status_code, content={"code": exc.code, "message": exc.message})


for module in (admin, availability, bookings, health, summaries, uploads, video, ws):
    app.include_router(module.router)
