from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from typing import AsyncIterator

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from .container import Container
from .hl7.mapping import load_facility_map
from .infra.pubsub import listen_board_events
from .logging_setup import configure_logging
from .middleware.errors import install_error_handlers
from .middleware.rate_limit import WebhookRateLimitMiddleware
from .middleware.request_id import RequestIdMiddleware
from .repositories.wards import WardRepository
from .routers import admin, adt_webhook, bed_requests, beds, capacity, cleaning, health, transport, ws_board, ws_handheld
from .settings import get_settings
from .workers.capacity_push import CapacityPushWorker
from .workers.hold_expiry import HoldExpiryWorker
from .workers.supervisor import TaskGroupRegistry, supervise

logger = logging.getLogger(__name__)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    configure_logging()
    container = await Container.create(settings)
    app.state.container = container
    load_facility_map(await WardRepository(container.pool).facility_locations())

    background = TaskGroupRegistry()
    app.state.background = background
    background.spawn(
        supervise("board-pubsub", lambda: listen_board_events(container.redis, container.board_hub.dispatch)),
        name="board-pubsub",
    )
    hold_worker = HoldExpiryWorker(container)
    background.spawn(supervise(hold_worker.name, hold_worker.run), name=hold_worker.name)
    capacity_worker = CapacityPushWorker(container)
    background.spawn(supervise(capacity_worker.name, capacity_worker.run), name=capacity_worker.name)
    logger.info("bedflow started")
    try:
        yield
    finally:
        await background.cancel_all()
        await container.close()
        logger.info("bedflow stopped")


def create_app() -> FastAPI:
    app = FastAPI(title="bedflow", lifespan=lifespan)
    app.add_middleware(WebhookRateLimitMiddleware, path_prefix="/adt")
    app.add_middleware(CORSMiddleware, allow_origins=["https://bedboard.hospital.example"], allow_methods=["*"], allow_headers=["*"])
    app.add_middleware(RequestIdMiddleware)
    install_error_handlers(app)
    for module in (health, adt_webhook, beds, bed_requests, cleaning, transport, capacity, admin, ws_board, ws_handheld):
        app.include_router(module.router)
    return app


app = create_app()
