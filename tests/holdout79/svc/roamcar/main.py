"""Application factory and lifespan: shared clients are built once here and torn down on exit."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from .api.middleware import RateLimitMiddleware, RequestContextMiddleware
from .api.routes import api_router
from .api.ws_ops import router as ops_ws_router
from .api.ws_trip import router as trip_ws_router
from .cache import create_redis
from .clients.forecast import ForecastClient
from .clients.geocoder import Geocoder
from .clients.kyc import KycClient
from .clients.payments import PaymentsClient
from .clients.storage import PhotoStore
from .clients.telematics import TelematicsClient
from .db import create_pg_pool, engine
from .services.errors import ServiceError
from .services.hubs import OpsHub, TripHub
from .services.notifications import Notifier
from .services.positions import PositionRelay
from .services.pricing import PricingService
from .settings import get_settings

logger = logging.getLogger("roamcar")

RATE_RELOAD_SECONDS = 300


async def _reload_rates_periodically(pricing: PricingService) -> None:
    while True:
        await asyncio.sleep(RATE_RELOAD_SECONDS)
        try:
            await asyncio.to_thread(pricing.reload)
        except (OSError, ValueError):
            logger.warning("rate table reload failed; keeping the previous table", exc_info=True)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    state = app.state
    state.redis = create_redis(settings.redis_url)
    state.pg_pool = await create_pg_pool()
    state.telematics = TelematicsClient(settings.telematics_base_url, settings.telematics_api_key)
    state.payments = PaymentsClient(settings.payments_base_url, settings.payments_api_key)
    await state.payments.start()
    state.kyc = KycClient(settings.kyc_base_url, settings.kyc_api_key)
    state.forecast = ForecastClient(settings.forecast_base_url)
    state.photo_store = PhotoStore(settings.photo_bucket, settings.photo_region)
    state.geocoder = Geocoder(settings.geocoder_url)
    state.notifier = Notifier(settings.push_base_url, settings.push_api_key, settings.currency)

    pricing = PricingService(settings.rate_table_path, state.forecast, state.redis)
    await asyncio.to_thread(pricing.reload)
    state.pricing = pricing

    state.ops_hub = OpsHub()
    state.trip_hub = TripHub()
    relay = PositionRelay(state.redis, state.ops_hub, settings.positions_channel)
    relay_task = asyncio.create_task(relay.run(), name="position-relay")
    reload_task = asyncio.create_task(_reload_rates_periodically(pricing), name="rate-reload")
    logger.info("roam api started (%s)", settings.environment)
    try:
        yield
    finally:
        relay_task.cancel()
        reload_task.cancel()
        await asyncio.gather(relay_task, reload_task, return_exceptions=True)
        await state.telematics.aclose()
        await state.payments.close()
        await state.kyc.aclose()
        await state.forecast.aclose()
        await state.pg_pool.close()
        await state.redis.aclose()
        await engine.dispose()


async def _service_error(request: Request, exc: ServiceError) -> JSONResponse:
    return JSONResponse({"error": exc.code, "detail": str(exc)}, status_code=exc.status_code)


def create_app() -> FastAPI:
    settings = get_settings()
    app = FastAPI(title="Roam API", lifespan=lifespan)
    app.add_middleware(RateLimitMiddleware, limit_per_minute=settings.requests_per_minute)
    app.add_middleware(RequestContextMiddleware)
    app.add_exception_handler(ServiceError, _service_error)
    app.include_router(api_router)
    app.include_router(ops_ws_router)
    app.include_router(trip_ws_router)
    return app


app = create_app()
