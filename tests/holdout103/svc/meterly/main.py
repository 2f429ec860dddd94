from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager
from typing import AsyncIterator, Awaitable, Callable

from fastapi import APIRouter, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from redis.asyncio import Redis

from . import __version__
from .api import admin, analytics, ingest, invoices, keys, specs, webhooks, ws_dashboard, ws_gateway
from .container import Container
from .core.errors import install_error_handlers
from .db.engine import build_engine, build_sessionmaker
from .db.pool import create_raw_pool
from .middleware import RequestContextMiddleware
from .settings import get_settings, load_gateway_node_tokens
from .workers.stream_consumer import UsageStreamConsumer

logger = logging.getLogger("meterly")


class TaskSupervisor:
    """Owns the long-running in-process tasks and restarts them with backoff when they crash."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task] = set()
        self._stopping = False

    def spawn(self, name: str, factory: Callable[[], Awaitable[None]], *, max_backoff: float = 60.0) -> None:
        task = asyncio.create_task(self._supervise(name, factory, max_backoff), name=name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _supervise(self, name: str, factory: Callable[[], Awaitable[None]], max_backoff: float) -> None:
        backoff = 1.0
        while not self._stopping:
            try:
                await factory()
                return
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("background task %s crashed; restarting in %.0fs", name, backoff)
                await asyncio.sleep(backoff)
                backoff = min(max_backoff, backoff * 2)

    async def shutdown(self) -> None:
        self._stopping = True
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)


async def limiter_resync_loop(limiter, interval_s: float = 15.0) -> None:
    while True:
        await asyncio.sleep(interval_s)
        await limiter.resync()


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    engine = build_engine(settings)
    sessions = build_sessionmaker(engine)
    redis = Redis.from_url(settings.redis_url, socket_timeout=5, socket_connect_timeout=3, health_check_interval=30)
    pool = await create_raw_pool(settings)
    node_tokens = await asyncio.to_thread(load_gateway_node_tokens, settings)

    container = Container.build(settings, engine, sessions, redis, pool, node_tokens)
    await container.start()
    app.state.container = container

    supervisor = TaskSupervisor()
    supervisor.spawn("limiter-resync", lambda: limiter_resync_loop(container.fallback_limiter))
    consumer = UsageStreamConsumer(redis, container.metering, settings.usage_stream, settings.usage_group)
    app.state.consumer_task = asyncio.create_task(consumer.run(), name="usage-stream-consumer")
    logger.info("meterly started (env=%s)", settings.env)
    try:
        yield
    finally:
        consumer.stop()
        app.state.consumer_task.cancel()
        await supervisor.shutdown()
        await container.close()


health = APIRouter(tags=["health"])


@health.get("/livez")
async def livez() -> dict:
    # process is up and the event loop answers; dependencies are checked by /readyz
    return {"status": "ok"}


@health.get("/readyz")
async def readyz() -> dict:
    return {"status": "ready", "version": __version__}


def create_app() -> FastAPI:
    settings = get_settings()
    app = FastAPI(title="Meterly", version="2.14.0", lifespan=lifespan)
    app.add_middleware(RequestContextMiddleware)
    app.add_middleware(CORSMiddleware, allow_origins=settings.allowed_origins, allow_methods=["*"],
                       allow_headers=["*"], allow_credentials=True)
    install_error_handlers(app)
    app.include_router(health)
    for module in (keys, ingest, invoices, webhooks, specs, analytics, admin, ws_dashboard, ws_gateway):
        app.include_router(module.router)
    return app


app = create_app()
