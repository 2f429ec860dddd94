from __future__ import annotations

import asyncio
import logging
import threading
from contextlib import asynccontextmanager
from typing import AsyncIterator

from fastapi import FastAPI

from .api import applications, closing, conditions, credit, documents, health, pricing, webhooks, ws_borrower, ws_pipeline
from .cache import close_redis, init_redis
from .clients.aggregator import AggregatorClient
from .clients.appraisal_vendor import VendorClient, VendorRegistry
from .clients.bureau import BureauClient
from .clients.ocr import OcrClient
from .clients.pricing_feed import PricingFeed
from .clients.title import TitleGateway
from .db import close_pg_pool, dispose_engine, get_sessionmaker, init_engine, init_pg_pool
from .middleware import RateLimitMiddleware, RequestIdMiddleware, install_error_handlers
from .services.notifications import Notifier
from .settings import get_settings
from .workers.ocr_poller import poll_ocr_results
from .workers.rate_lock_expiry import run_rate_lock_sweeper
from .workers.runner import supervise

log = logging.getLogger("lendhub")


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    init_engine()
    await init_pg_pool()
    redis_client = await init_redis()

    app.state.sessionmaker = get_sessionmaker()
    app.state.redis = redis_client
    app.state.bureau = BureauClient(settings)
    app.state.aggregator = AggregatorClient(settings)
    await app.state.aggregator.start()
    app.state.ocr = OcrClient(settings)
    app.state.pricing_feed = PricingFeed(settings.pricing_feed_url, redis_client)
    app.state.title = TitleGateway(settings)
    app.state.calendar_lock = threading.Lock()
    app.state.vendors = VendorRegistry(
        {
            "valuelink": VendorClient("valuelink", settings.appraisal_vendor_url, "vl-token"),
            "clearamc": VendorClient("clearamc", "https://api.clearamc.example", "ca-token"),
        },
        preferred="valuelink",
    )

    background: set[asyncio.Task] = set()
    notifier = Notifier("smtp.internal", 587, "locks@lendhub.example")
    sweeper = asyncio.create_task(
        supervise("rate-locks", lambda: run_rate_lock_sweeper(notifier, {}, settings.rate_lock_sweep_seconds))
    )
    background.add(sweeper)
    sweeper.add_done_callback(background.discard)
    app.state.ocr_poller = asyncio.create_task(poll_ocr_results(app.state.ocr))
    log.info("lendhub started")
    try:
        yield
    finally:
        for task in list(background):
            task.cancel()
        app.state.ocr_poller.cancel()
        await app.state.bureau.aclose()
        await app.state.aggregator.close()
        await app.state.ocr.aclose()
        await app.state.pricing_feed.aclose()
        await app.state.vendors.aclose()
        await close_redis()
        await close_pg_pool()
        await dispose_engine()


def create_app() -> FastAPI:
    app = FastAPI(title="LendHub", lifespan=lifespan)
    app.add_middleware(RateLimitMiddleware)
    app.add_middleware(RequestIdMiddleware)
    install_error_handlers(app)
    for module in (applications, credit, documents, pricing, conditions, closing, webhooks, health):
        app.include_router(module.router)
    app.include_router(ws_pipeline.router)
    app.include_router(ws_borrower.router)
    return app


app = create_app()
