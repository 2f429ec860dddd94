from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager
from collections.abc import AsyncIterator

from fastapi import APIRouter, FastAPI
from fastapi.middleware.cors import CORSMiddleware

from .container import Container
from .errors import install_error_handlers
from .settings import configure_logging, get_settings
from .middleware import RequestIdMiddleware, SlidingWindowLimiter
from .routers import admin, campaigns, charities, donations, donors, webhooks
from .tasks import close_expired_campaigns, supervise
from .ws import chat as ws_chat
from .ws import ticker as ws_ticker

logger = logging.getLogger(__name__)

health = APIRouter(prefix="/health", tags=["health"])


@health.get("/live")
async def live() -> dict:
    # Liveness only says the process is serving requests; dependency checks belong to readiness.
    return {"status": "ok"}


@health.get("/ready")
async def ready() -> dict:
    return {"status": "ready"}


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    container = Container(settings)
    await container.start()
    app.state.container = container

    container.ticker_hub.start()
    closer = asyncio.create_task(
        supervise("campaign-closer", lambda: close_expired_campaigns(container)), name="campaign-closer"
    )
    logger.info("givehub api started (%s)", settings.environment)
    try:
        yield
    finally:
        closer.cancel()
        await container.ticker_hub.stop()
        await container.close()


def create_app() -> FastAPI:
    settings = get_settings()
    configure_logging()
    app = FastAPI(title="GiveHub", version="2.14.0", lifespan=lifespan)
    app.add_middleware(RequestIdMiddleware)
    app.add_middleware(SlidingWindowLimiter, limit=240, window=60.0)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
        allow_headers=["Authorization", "Content-Type", "Idempotency-Key"],
    )
    install_error_handlers(app)
    app.include_router(health)
    for module in (donors, charities, campaigns, donations, webhooks, admin):
        app.include_router(module.router)
    app.include_router(ws_ticker.router)
    app.include_router(ws_chat.router)
    return app


app = create_app()
