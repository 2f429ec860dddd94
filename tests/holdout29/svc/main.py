"""Application entry point."""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from contextvars import ContextVar

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse

from svc.api import admin, certificates, chat, courses, enrolments, health, media, payments, quizzes
from svc.clients.identity import TokenVerifier
from svc.clients.mailer import Mailer
from svc.clients.media import MediaApiClient
from svc.clients.payments import PaymentProviderClient
from svc.clients.recommender import RecommenderClient
from svc.clients.redis import create_chat_bus, create_primary_redis
from svc.config import get_settings
from svc.container import Container
from svc.db.pool import create_pg_pool
from svc.db.session import engine
from svc.errors import DomainError
from svc.repositories.enrolments import EnrolmentRepository
from svc.repositories.media import TranscodeJobRepository
from svc.repositories.progress import ProgressRepository
from svc.services.announcements import ClassroomAnnouncer
from svc.services.cache import CatalogCache
from svc.services.chat import ChatHub
from svc.services.progress import ProgressService
from svc.services.ratelimit import RedisWindowLimiter, SlidingWindowLimiter
from svc.services.tasks import TaskSupervisor
from svc.services.transcoding import TranscodingService
from svc.services.uploads import UploadService
from svc.workers.reminders import ReminderWorker
from svc.workers.progress_events import ProgressEventConsumer
from svc.workers.rollups import NightlyRollup
from svc.workers.scheduler import build_scheduler
from svc.workers.transcode_poller import TranscodePoller

logger = logging.getLogger("lernwerk")

request_id_var: ContextVar[str] = ContextVar("request_id", default="-")


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    pg_pool = await create_pg_pool(settings)
    redis = create_primary_redis(settings)
    chat_bus = create_chat_bus(settings)
    media_client = MediaApiClient(settings)
    tasks = TaskSupervisor()
    progress_repo = ProgressRepository(pg_pool, settings.pg_acquire_timeout)
    progress = ProgressService(progress_repo, EnrolmentRepository(pg_pool, settings.pg_acquire_timeout))
    transcoding = TranscodingService(
        settings, media_client, TranscodeJobRepository(pg_pool, settings.pg_acquire_timeout)
    )
    container = Container(
        settings=settings,
        pg_pool=pg_pool,
        redis=redis,
        chat_bus=chat_bus,
        media=media_client,
        payments=PaymentProviderClient(settings),
        recommender=RecommenderClient(settings),
        mailer=Mailer(settings),
        verifier=TokenVerifier(settings),
        tasks=tasks,
        catalog_cache=CatalogCache(redis),
        chat_hub=ChatHub(chat_bus, settings.ws_max_connections_per_room),
        announcer=ClassroomAnnouncer(),
        uploads=UploadService(media_client),
        progress=progress,
        transcoding=transcoding,
        quiz_limiter=SlidingWindowLimiter(settings.quiz_submissions_per_minute, 60.0),
        chat_limiter=RedisWindowLimiter(redis, "rl:chat", limit=20, window_seconds=10),
    )
    app.state.container = container

    tasks.supervise(container.chat_hub.relay, name="chat-relay")
    tasks.supervise(TranscodePoller(transcoding, redis).run, name="transcode-poller")
    tasks.supervise(
        NightlyRollup(pg_pool, redis, progress, settings.pg_acquire_timeout).run_forever,
        name="nightly-rollup",
    )
    consumer = asyncio.create_task(ProgressEventConsumer(progress, progress_repo).run())
    scheduler = build_scheduler(ReminderWorker(settings, pg_pool, container.mailer))
    scheduler.start()
    logger.info("lernwerk api started")
    try:
        yield
    finally:
        scheduler.shutdown(wait=False)
        consumer.cancel()
        await tasks.shutdown()
        await media_client.aclose()
        await container.payments.close()
        await container.recommender.close()
        container.mailer.close()
        await redis.aclose()
        await chat_bus.aclose()
        await pg_pool.close()
        await engine.dispose()


app = FastAPI(title="Lernwerk API", lifespan=lifespan)


@app.middleware("http")
async def request_context(request: Request, call_next) -> Response:
    request_id = request.headers.get("x-request-id") or uuid.uuid4().hex
    token = request_id_var.set(request_id)
    started = time.perf_counter()
    try:
        response = await call_next(request)
    finally:
        request_id_var.reset(token)
    response.headers["x-request-id"] = request_id
    response.headers["server-timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
    return response


@app.exception_handler(DomainError)
async def domain_error_handler(request: Request, exc: DomainError) -> JSONResponse:
    if exc.status_code >= 500:
        logger.error("upstream failure on %s: %s", request.url.path, exc.message)
    return JSONResponse(status_code=exc.status_code, content={"error": exc.code, "detail": exc.message})


for module in (health, courses, enrolments, quizzes, media, certificates, payments, chat, admin):
    app.include_router(module.router)
