"""ASGI app factory for the ground-operations API."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from apron.container import build_container
from apron.errors import install_error_handlers
from apron.logging_setup import configure_logging
from apron.middleware.rate_limit import ScannerRateLimitMiddleware
from apron.middleware.request_id import RequestIdMiddleware
from apron.routers import bags, delays, flights, health, reports, roster, stands, tasks, ws_alerts, ws_apron
from apron.settings import get_settings
from apron.workers.supervisor import supervise

log = logging.getLogger(__name__)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    configure_logging()
    container = await build_container(settings)
    app.state.container = container
    app.state.sessionmaker = container.sessionmaker
    app.state.turnaround = container.turnaround
    app.state.stands = container.stands
    app.state.baggage = container.baggage
    app.state.roster = container.roster
    app.state.delays = container.delays
    app.state.delay_repo = container.delay_repo
    app.state.ingest = container.ingest
    app.state.apron_hub = container.hub
    app.state.alerts = container.alerts

    stop = asyncio.Event()
    background: set[asyncio.Task[None]] = set()

    def start(name: str, factory: Callable[[asyncio.Event], Coroutine[Any, Any, None]]) -> None:
        task = asyncio.create_task(supervise(name, factory, stop), name=name)
        background.add(task)
        task.add_done_callback(background.discard)

    start("apron-map-listener", container.hub.listen)
    start("alert-listener", container.alerts.listen)
    start("ops-feed-poller", container.ingest.run_polling)
    try:
        yield
    finally:
        stop.set()
        await asyncio.gather(*background, return_exceptions=True)
        await container.aclose()


def create_app() -> FastAPI:
    app = FastAPI(title="apron", lifespan=lifespan)
    app.add_middleware(ScannerRateLimitMiddleware, per_second=20)
    app.add_middleware(RequestIdMiddleware)
    install_error_handlers(app)
    for module in (flights, stands, tasks, bags, roster, delays, reports, health, ws_apron, ws_alerts):
        app.include_router(module.router)
    return app


app = create_app()
