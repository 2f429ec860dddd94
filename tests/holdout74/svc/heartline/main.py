"""Application factory and lifespan."""
from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from . import __version__
from .errors import install_error_handlers
from .middleware import RateLimitMiddleware, RequestIdMiddleware
from .routers import ALL_ROUTERS
from .settings import configure_logging, get_settings
from .utils.tasks import supervise
from .wiring import open_container
from .workers.presence_sweeper import PresenceSweeper

log = logging.getLogger(__name__)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    configure_logging(settings)
    async with open_container(settings) as container:
        app.state.container = container
        app.state.relay_listener = asyncio.create_task(container.relay.run(), name="relay-listener")
        container.tasks.spawn(supervise("relay-dispatch", container.relay.dispatch), name="relay-dispatch")
        sweeper = PresenceSweeper(container.redis, container.presence, settings)
        container.tasks.spawn(supervise("presence-sweeper", sweeper.run_forever), name="presence-sweeper")
        log.info("heartline %s started (%s)", __version__, settings.environment)
        try:
            yield
        finally:
            app.state.relay_listener.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await app.state.relay_listener
            log.info("heartline shutting down")


def create_app() -> FastAPI:
    settings = get_settings()
    app = FastAPI(title="Heartline API", version=__version__, lifespan=lifespan)
    app.add_middleware(RateLimitMiddleware, per_minute=settings.rate_limit_per_minute)
    app.add_middleware(RequestIdMiddleware)
    install_error_handlers(app)
    for router in ALL_ROUTERS:
        app.include_router(router)
    return app


app = create_app()
