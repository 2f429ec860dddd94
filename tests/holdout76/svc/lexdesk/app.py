"""ASGI application factory: uvicorn lexdesk.app:create_app --factory"""
from __future__ import annotations

import asyncio
import logging
import logging.config
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import datetime, timezone

from fastapi import FastAPI

from lexdesk.api import ws_activity, ws_review
from lexdesk.api.middleware import FilingSubmitThrottle, RequestContextMiddleware, install_handlers
from lexdesk.api.routes import ROUTERS
from lexdesk.container import build_container
from lexdesk.settings import get_settings

log = logging.getLogger("lexdesk")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "pythonjsonlogger.jsonlogger.JsonFormatter", "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["stdout"], "level": "INFO"},
}


async def supervised(name: str, factory: Callable[[], Awaitable[None]], max_backoff: float = 60.0) -> None:
    """Run a background loop forever, restarting it with capped exponential backoff if it crashes."""
    failures = 0
    while True:
        started = asyncio.get_running_loop().time()
        try:
            await factory()
            return
        except asyncio.CancelledError:
            raise
        except Exception:
            if asyncio.get_running_loop().time() - started > 300:
                failures = 0
            failures += 1
            delay = min(max_backoff, 2 ** failures)
            log.exception("background task %s crashed; restarting in %.0fs", name, delay)
            await asyncio.sleep(delay)


def _spawn(app: FastAPI, coro: Awaitable[None], name: str) -> asyncio.Task:
    task = asyncio.create_task(coro, name=name)
    app.state.tasks.add(task)
    task.add_done_callback(app.state.tasks.discard)
    return task


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    container = await build_container(settings)
    app.state.container = container
    app.state.tasks = set()
    app.state.started_at = datetime.now(timezone.utc).isoformat()
    _spawn(app, supervised("ocr-consumer", container.ocr_consumer.run), "ocr-consumer")
    log.info("lexdesk %s started", settings.instance_name)
    try:
        yield
    finally:
        for task in list(app.state.tasks):
            task.cancel()
        await asyncio.gather(*app.state.tasks, return_exceptions=True)
        await container.close()
        log.info("lexdesk %s stopped", settings.instance_name)


def create_app() -> FastAPI:
    logging.config.dictConfig(LOGGING)
    settings = get_settings()
    app = FastAPI(title="LexDesk", lifespan=lifespan)
    app.add_middleware(FilingSubmitThrottle, settings=settings)
    app.add_middleware(RequestContextMiddleware)
    install_handlers(app)
    for router in ROUTERS:
        app.include_router(router)
    app.include_router(ws_activity.router)
    app.include_router(ws_review.router)
    return app
