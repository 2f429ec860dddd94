from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from portops.cache.locks import LockRegistry
from portops.cache.pubsub import EventPublisher
from portops.cache.redis_client import build_redis
from portops.clients.customs_api import CustomsClient
from portops.clients.edi_hub import EdiHubClient
from portops.clients.plate_ocr import PlateOcrClient
from portops.clients.tariff_sdk import TariffSdk
from portops.clients.tos_legacy import LegacyTosBridge
from portops.clients.vessel_tracking import VesselTrackingClient
from portops.clients.weather import WeatherClient
from portops.db.engine import build_engine, build_sessionmaker
from portops.db.pg import create_pg_pool
from portops.errors import PortOpsError
from portops.logging_setup import configure_logging
from portops.middleware.auth import ApiKeyMiddleware
from portops.middleware.rate_limit import KioskRateLimitMiddleware
from portops.middleware.request_id import RequestIdMiddleware
from portops.repositories.telemetry import TelemetryStore
from portops.routers import customs, edi, gate, health, reports, vessels, ws_gate_board, ws_telemetry, yard
from portops.services.audit import AuditLog
from portops.services.eta import EtaPredictor
from portops.services.gate_board import GateBoard
from portops.services.telemetry_service import TelemetryService
from portops.settings import get_settings
from portops.workers.runner import supervise
from portops.workers.wind_watch import watch_wind

log = logging.getLogger(__name__)

QUAY_CRANES = ("QC01", "QC02", "QC03", "QC04", "QC05", "QC06")


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    configure_logging()
    state = app.state
    state.settings = settings
    state.engine = build_engine(settings)
    state.sessionmaker = build_sessionmaker(state.engine)
    state.pg = await create_pg_pool(settings)
    state.redis = build_redis(settings)
    state.locks = LockRegistry()
    state.crane_locks = {crane: asyncio.Lock() for crane in QUAY_CRANES}
    state.customs = CustomsClient(settings)
    state.edi_hub = EdiHubClient(settings)
    state.ocr = PlateOcrClient(settings.ocr_vendor_url)
    state.tos = LegacyTosBridge(settings.legacy_tos_url)
    state.tariffs = TariffSdk(settings.tariff_sdk_endpoint)
    state.weather = WeatherClient(settings.weather_api_url)
    tracking = VesselTrackingClient(settings.shipping_line_edi_url)
    await tracking.start()
    state.eta = EtaPredictor(tracking)
    state.audit = AuditLog(state.redis)
    state.gate_board = GateBoard(max_connections=settings.ws_max_connections)
    state.publisher = EventPublisher(state.redis)
    state.telemetry = TelemetryService(TelemetryStore(state.pg), state.redis, state.publisher)

    state.telemetry_task = asyncio.create_task(state.telemetry.run())
    state.wind_task = asyncio.create_task(
        supervise("wind-watch", lambda: watch_wind(state.weather, state.redis, settings.terminal_code))
    )
    try:
        yield
    finally:
        for task in (state.telemetry_task, state.wind_task):
            task.cancel()
        await asyncio.gather(state.telemetry_task, state.wind_task, return_exceptions=True)
        await state.customs.aclose()
        await state.edi_hub.aclose()
        await state.weather.aclose()
        await tracking.aclose()
        await state.pg.close()
        await state.redis.aclose()
        await state.engine.dispose()


def create_app() -> FastAPI:
    settings = get_settings()
    app = FastAPI(title="portops", lifespan=lifespan)
    app.add_middleware(RequestIdMiddleware)
    app.add_middleware(KioskRateLimitMiddleware)
    app.add_middleware(ApiKeyMiddleware, salt=settings.api_key_salt, known_hashes={})

    @app.exception_handler(PortOpsError)
    async def portops_error_handler(request: Request, exc: PortOpsError) -> JSONResponse:
        log.warning("%s %s -> %s: %s %s", request.method, request.url.path, exc.code, exc.message, exc.details)
        return JSONResponse({"error": exc.code, "message": exc.message, "details": exc.details}, status_code=exc.status_code)

    for module in (health, vessels, yard, gate, customs, edi, reports, ws_telemetry, ws_gate_board):
        app.include_router(module.router)
    return app


app = create_app()
