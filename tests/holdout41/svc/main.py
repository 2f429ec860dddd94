"""Application factory and lifespan wiring."""

from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.middleware.gzip import GZipMiddleware

from svc.cache.profile_cache import ProfileCache
from svc.clients.classifier import ClassifierClient
from svc.clients.messaging import MailerClient, PushClient
from svc.clients.search import SearchClient
from svc.clients.storage import StorageClient
from svc.config import get_settings
from svc.db.connections import create_pool, create_pubsub_redis, create_redis, dispose_engine, init_engine
from svc.observability import configure_logging, MetricsMiddleware, RequestContextMiddleware
from svc.routers import admin, auth, feed, moderation, posts, users
from svc.services.discovery import run_trending
from svc.services.likes import ViewCounter
from svc.services.notifications import NotificationService
from svc.workers.digest_worker import DigestWorker
from svc.workers.fanout_worker import FanoutWorker
from svc.workers.media_worker import MediaWorker
from svc.workers.moderation_worker import ModerationWorker
from svc.workers.runner import every, supervise, TaskGroupHandle
from svc.ws import endpoints as ws_endpoints
from svc.ws.manager import ConnectionManager


log = logging.getLogger(__name__)


@asynccontextmanager
async def lifespan(app: FastAPI):
    settings = get_settings()
    configure_logging("DEBUG" if settings.environment == "development" else "INFO")

    init_engine(settings)
    app.state.pg_pool = await create_pool(settings)
    app.state.redis = create_redis(settings)
    pubsub_redis = create_pubsub_redis(settings)

    app.state.classifier = ClassifierClient(settings)
    app.state.search = SearchClient(settings)
    app.state.storage = StorageClient(settings)
    app.state.mailer = MailerClient(settings)
    app.state.push = PushClient(settings)
    await app.state.push.start()

    app.state.profiles = ProfileCache(app.state.redis)
    app.state.ws_manager = ConnectionManager(pubsub_redis, settings.ws_send_queue_size)
    app.state.notifications = NotificationService(app.state.redis, app.state.push, app.state.ws_manager)
    app.state.view_counter = ViewCounter(app.state.redis)

    tasks = TaskGroupHandle()
    tasks.start(app.state.ws_manager.listen(), "ws-relay")
    tasks.start(supervise("push", app.state.notifications.push_worker), "push-worker")
    tasks.start(app.state.view_counter.run(), "view-counter")

    moderation_worker = ModerationWorker(app.state.classifier, app.state.storage, settings)
    tasks.start(supervise("moderation", moderation_worker.run), "moderation-worker")
    media_worker = MediaWorker(app.state.redis, app.state.storage, settings)
    tasks.start(supervise("media", media_worker.run), "media-worker")
    tasks.start(run_trending(app.state.pg_pool, app.state.redis, settings), "trending")
    digest = DigestWorker(app.state.redis, app.state.mailer, settings)
    tasks.start(every("digest", 3600, digest.run_once), "digest")

    fanout = FanoutWorker(app.state.redis, app.state.pg_pool, app.state.profiles, app.state.notifications, settings)
    app.state.fanout_task = asyncio.create_task(fanout.run())

    app.state.started = True
    log.info("startup complete", extra={"ctx": {"env": settings.environment}})
    try:
        yield
    finally:
        app.state.started = False
        app.state.fanout_task.cancel()
        await tasks.shutdown()
        try:
            await app.state.view_counter.flush()
        except Exception:
            log.warning("final view-count flush failed", exc_info=True)
        await app.state.push.close()
        for client in (app.state.classifier, app.state.search, app.state.storage, app.state.mailer):
            await client.aclose()
        await app.state.redis.aclose()
        await pubsub_redis.aclose()
        await app.state.pg_pool.close()
        await dispose_engine()


async def livez() -> dict:
    return {"status": "alive"}


async def readyz(request: Request) -> dict:
    """Readiness probe used by the load balancer before routing traffic to this replica."""
    started = getattr(request.app.state, "started", False)
    return {"status": "ready" if started else "starting"}


def create_app() -> FastAPI:
    settings = get_settings()
    app = FastAPI(title=settings.service_name, version="3.4.0", lifespan=lifespan)
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    app.add_middleware(MetricsMiddleware)
    app.add_middleware(RequestContextMiddleware)

    app.add_api_route("/livez", livez, methods=["GET"], tags=["health"])
    app.add_api_route("/readyz", readyz, methods=["GET"], tags=["health"])
    for module in (auth, users, posts, feed, moderation, admin):
        app.include_router(module.router)
    app.include_router(ws_endpoints.router)
    return app


app = create_app()
