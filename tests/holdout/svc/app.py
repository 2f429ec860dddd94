from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from arq import create_pool
from arq.connections import RedisSettings
from fastapi import APIRouter, FastAPI, Request, Response
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from sqlalchemy import text

from svc import realtime
from svc.api import carriers, shipments, tracking
from svc.db.session import SessionLocal, dispose_engines
from svc.realtime import hub
from svc.services.carrier_gateway import CarrierGateway
from svc.services.dispatch import DispatchBoard
from svc.services.geocoding import Geocoder
from svc.services.notifications import Notifier
from svc.services.pickups import PickupScheduler
from svc.services.pricing import PricingService, load_rate_card
from svc.settings import get_settings
from svc.workers.background import TrackingFanout, refresh_eta_loop

logger = logging.getLogger("svc")


def _driver_push(app: FastAPI) -> Callable[[str, dict[str, Any]], Awaitable[None]]:
    async def push(driver_id: str, message: dict[str, Any]) -> None:
        hub.publish(f"driver:{driver_id}", message)

    return push


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    logging.basicConfig(level=settings.log_level)

    gateway = CarrierGateway(settings)
    await gateway.start()
    pricing = PricingService(gateway)
    try:
        card = await asyncio.to_thread(load_rate_card, settings.rate_card_path, settings.base_currency)
        pricing.set_rate_card(card)
    except FileNotFoundError:
        logger.warning("no rate card at %s; contract pricing disabled", settings.rate_card_path)

    app.state.gateway = gateway
    app.state.pricing = pricing
    app.state.geocoder = Geocoder(settings)
    app.state.notifier = Notifier(settings)
    app.state.pickups = PickupScheduler(gateway)
    app.state.dispatch = DispatchBoard(_driver_push(app))
    app.state.arq = await create_pool(RedisSettings.from_dsn(settings.redis_url))

    fanout = TrackingFanout(hub, settings.fanout_poll_interval_s)
    await fanout.start()
    eta_task = asyncio.create_task(
        refresh_eta_loop(gateway, settings.eta_refresh_interval_s), name="eta-refresh"
    )
    logger.info("shiptrack started (%s)", settings.environment)
    try:
        yield
    finally:
        eta_task.cancel()
        await asyncio.gather(eta_task, return_exceptions=True)
        await fanout.stop()
        await app.state.arq.close()
        await app.state.geocoder.aclose()
        await gateway.close()
        await dispose_engines()


def create_app() -> FastAPI:
    settings = get_settings()
    app = FastAPI(title="shiptrack", version="1.4.0", lifespan=lifespan)

    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_credentials=True,
        allow_methods=["GET", "POST", "PUT", "DELETE"],
        allow_headers=["*"],
    )
    app.add_middleware(GZipMiddleware, minimum_size=1024)

    @app.middleware("http")
    async def request_context(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        request_id = request.headers.get("x-request-id") or uuid.uuid4().hex
        started = time.perf_counter()
        response = await call_next(request)
        elapsed_ms = (time.perf_counter() - started) * 1000
        response.headers["x-request-id"] = request_id
        response.headers["server-timing"] = f"app;dur={elapsed_ms:.1f}"
        if elapsed_ms > 2000:
            logger.warning("slow request %s %s took %.0f ms", request.method, request.url.path, elapsed_ms)
        return response

    api = APIRouter(prefix="/api/v1")
    api.include_router(shipments.router, prefix="/shipments", tags=["shipments"])
    api.include_router(carriers.router, prefix="/carriers", tags=["carriers"])
    api.include_router(tracking.router, prefix="/tracking", tags=["tracking"])
    app.include_router(api)
    app.include_router(realtime.router)

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", include_in_schema=False)
    async def readyz() -> dict[str, str]:
        async with SessionLocal() as session:
            await session.execute(text("SELECT 1"))
        return {"status": "ready", "subscribers": str(hub.subscriber_count())}

    return app


app = create_app()
