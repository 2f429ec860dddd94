from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Coroutine
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from . import __version__
from .container import Container
from .errors import GatekeepError
from .logging_setup import configure_logging
from .middleware import KioskRateLimitMiddleware, RequestIdMiddleware
from .routers import ALL as ROUTERS
from .settings import get_settings
from .workers.event_consumer import EventStreamConsumer
from .workers.runner import supervise

log = logging.getLogger("gatekeep")


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    container = Container(settings)
    await container.start()
    app.state.container = container

    tasks: set[asyncio.Task[Any]] = set()

    def _spawn(coro: Coroutine[Any, Any, Any], name: str) -> None:
        task = asyncio.create_task(coro, name=name)
        tasks.add(task)
        task.add_done_callback(tasks.discard)

    _spawn(supervise("mqtt", container.mqtt.run), "mqtt")
    consumer = EventStreamConsumer(container.redis, container.ingestion, settings)
    _spawn(consumer.run(), "event-consumer")
    container.console.start()
    log.info("gatekeep %s started (%s)", __version__, settings.environment)
    try:
        yield
    finally:
        for task in list(tasks):
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await container.console.stop()
        await container.close()


def create_app() -> FastAPI:
    settings = get_settings()
    configure_logging()
    app = FastAPI(title="gatekeep", version=__version__, lifespan=lifespan)
    app.add_middleware(KioskRateLimitMiddleware, per_minute=settings.kiosk_uploads_per_minute)
    app.add_middleware(RequestIdMiddleware)
    for module in ROUTERS:
        app.include_router(module.router)

    @app.exception_handler(GatekeepError)
    async def _domain_error(request: Request, exc: GatekeepError) -> JSONResponse:
        if exc.status_code >= 500:
            log.warning("%s on %s %s: %s", exc.code, request.method, request.url.path, exc)
        return JSONResponse({"error": exc.code, "detail": str(exc), **exc.context}, status_code=exc.status_code)

    @app.exception_handler(Exception)
    async def _unhandled_error(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"error": "internal_error"}, status_code=500)

    return app


app = create_app()
