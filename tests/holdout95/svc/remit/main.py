"""Application factory."""
from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from fastapi import FastAPI

from .clients.regulator import RegulatorClient
from .container import build_container
from .errors import RemitError, remit_error_handler
from .middleware.http import RequestIdMiddleware, SenderRateLimitMiddleware, TimingMiddleware
from .routers import customers, health, ops, quotes, transfers, webhooks, ws_ops, ws_tracking
from .settings import configure_logging, get_settings
from .workers.payouts import run_dispatcher
from .workers.quote_cleanup import run_quote_cleanup
from .workers.regulatory import run_regulatory
from .workers.runner import supervise

log = logging.getLogger("remit")


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    configure_logging()
    container = await build_container(settings)
    app.state.container = container
    container.hub.start()
    regulator = RegulatorClient(settings.regulator_url, settings.jwt_secret)
    background = [
        asyncio.create_task(run_dispatcher(container), name="payout-dispatcher"),
        asyncio.create_task(supervise("quote-cleanup", lambda: run_quote_cleanup(container)),
                            name="quote-cleanup"),
        asyncio.create_task(supervise("regulatory", lambda: run_regulatory(container, regulator)),
                            name="regulatory"),
    ]
    log.info("remit api started (%s)", settings.env)
    try:
        yield
    finally:
        for task in background:
            task.cancel()
        await asyncio.gather(*background, return_exceptions=True)
        await container.hub.stop()
        await regulator.aclose()
        await container.close()


def create_app() -> FastAPI:
    settings = get_settings()
    app = FastAPI(title="remit", lifespan=lifespan)
    app.add_middleware(SenderRateLimitMiddleware, per_minute=settings.rate_limit_per_minute)
    app.add_middleware(TimingMiddleware)
    app.add_middleware(RequestIdMiddleware)
    app.add_exception_handler(RemitError, remit_error_handler)
    for module in (health, quotes, transfers, customers, webhooks, ops, ws_tracking, ws_ops):
        app.include_router(module.router)
    app.include_router(ops.admin_router)
    return app


app = create_app()
