from __future__ import annotations

import asyncio
import logging
import logging.config
from collections.abc import Awaitable, Callable
from contextlib import asynccontextmanager

import aiohttp
import httpx
from fastapi import FastAPI

from .db import create_avl_pool, make_engine, make_redis, make_sessionmaker
from .middleware import RequestIdMiddleware, WebhookRateLimitMiddleware
from .routers import auth, exports, health, incidents, resources, telephony, units, ws_console, ws_mdt
from .services.container import Container
from .settings import get_settings
from .workers import nightly_reports

log = logging.getLogger("cad")

LOGGING = {
    "version": 1,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"level": "INFO", "handlers": ["console"]},
}


class BackgroundTasks:
    """Keeps references to long-running tasks and restarts them with backoff if they crash."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task] = set()

    def spawn(self, coro: Awaitable) -> asyncio.Task:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    def supervise(self, name: str, factory: Callable[[], Awaitable[None]], max_backoff: float = 30.0) -> asyncio.Task:
        async def runner() -> None:
            backoff = 1.0
            while True:
                try:
                    await factory()
                    backoff = 1.0
                except asyncio.CancelledError:
                    raise
                except Exception:
                    log.exception("background task %s crashed; restarting in %.0fs", name, backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, max_backoff)

        return self.spawn(runner())

    async def cancel_all(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)


@asynccontextmanager
async def lifespan(app: FastAPI):
    settings = get_settings()
    logging.config.dictConfig(LOGGING)
    engine = make_engine(settings)
    sessionmaker = make_sessionmaker(engine)
    avl_pool = await create_avl_pool(settings)
    redis = make_redis(settings.redis_url)
    http = httpx.AsyncClient(timeout=httpx.Timeout(5.0, connect=2.0), limits=httpx.Limits(max_connections=100))
    geocoder_http = httpx.AsyncClient(base_url=settings.geocoder_url)
    aio_session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=15, connect=3))
    container = Container(settings, engine, sessionmaker, avl_pool, redis, http, geocoder_http, aio_session)
    app.state.container = container

    tasks = BackgroundTasks()
    tasks.supervise("console-hub", container.console_hub.run)
    tasks.supervise("avl-writer", container.avl.run_writer)
    tasks.spawn(container.diversion.consume_updates())
    tasks.spawn(nightly_reports.run_forever(container))
    log.info("CAD API started (%s)", settings.environment)
    try:
        yield
    finally:
        await tasks.cancel_all()
        await container.aclose()
        await aio_session.close()
        await geocoder_http.aclose()
        await http.aclose()
        await redis.aclose()
        await avl_pool.close()
        await engine.dispose()


def create_app() -> FastAPI:
    settings = get_settings()
    app = FastAPI(title="County CAD", version="3.8", lifespan=lifespan)
    app.add_middleware(RequestIdMiddleware)
    app.add_middleware(WebhookRateLimitMiddleware, per_minute=settings.webhook_rate_per_minute)
    for module in (health, auth, telephony, incidents, units, resources, exports, ws_console, ws_mdt):
        app.include_router(module.router)
    return app


app = create_app()
