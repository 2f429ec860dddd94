from __future__ import annotations

import asyncio
from concurrent.futures import ProcessPoolExecutor
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from fieldwise.cache import create_redis
from fieldwise.clients.mqtt_bridge import MqttBridge
from fieldwise.clients.satellite import SatelliteClient
from fieldwise.clients.sms import SmsClient
from fieldwise.clients.valves import ValveGatewayClient
from fieldwise.clients.weather import WeatherClient
from fieldwise.db.engine import dispose_engine
from fieldwise.db.pg import pg
from fieldwise.errors import FieldwiseError, fieldwise_error_handler
from fieldwise.logging_setup import configure_logging, get_logger
from fieldwise.middleware import RequestContextMiddleware, UploadRateLimitMiddleware
from fieldwise.routers import (
    admin,
    alerts_ws,
    auth,
    equipment_ws,
    farms,
    fieldmap_ws,
    fields,
    health,
    imagery,
    ingest,
    irrigation,
    weather,
    yields,
)
from fieldwise.services.alerts import AlertFeed
from fieldwise.services.container import Services
from fieldwise.services.fieldmap import FieldMapHub
from fieldwise.services.ingestion import IngestionService
from fieldwise.settings import get_settings
from fieldwise.utils.retry import supervise

log = get_logger(__name__)

_hub = FieldMapHub()


def get_hub() -> FieldMapHub:
    return _hub


@asynccontextmanager
async def lifespan(app: FastAPI):
    s = get_settings()
    configure_logging()
    await pg.open()
    redis = create_redis()
    http = httpx.AsyncClient(timeout=httpx.Timeout(10.0, connect=3.0), limits=httpx.Limits(max_connections=50))
    valves = ValveGatewayClient(s.valve_gateway_url, s.valve_gateway_token)
    await valves.start()
    deps = Services(
        redis=redis,
        pg=pg,
        http=http,
        weather=WeatherClient(s.weather_api_url, s.weather_api_key),
        valves=valves,
        satellite=SatelliteClient(s.satellite_api_url, s.satellite_api_key),
        sms=SmsClient(http, s.sms_api_url, s.sms_api_key),
        cpu_pool=ProcessPoolExecutor(max_workers=2),
    )
    app.state.services = deps
    app.state.hub = _hub
    app.state.alert_feed = AlertFeed(redis, max_connections=s.ws_max_connections)

    bridge = MqttBridge(s.mqtt_host, s.mqtt_port, s.mqtt_topic)
    ingestion = IngestionService(deps, _hub)
    deps.spawn(supervise("mqtt-bridge", bridge.run), name="mqtt-bridge")
    deps.spawn(supervise("alert-relay", app.state.alert_feed.relay), name="alert-relay")
    app.state.ingest_task = asyncio.create_task(ingestion.consume(bridge.inbox), name="ingest")
    log.info("startup.complete", env=s.env)
    try:
        yield
    finally:
        app.state.ingest_task.cancel()
        for task in list(deps.background):
            task.cancel()
        await asyncio.gather(*deps.background, app.state.ingest_task, return_exceptions=True)
        await deps.weather.close()
        await valves.close()
        await http.aclose()
        await redis.aclose()
        await pg.close()
        await dispose_engine()
        deps.cpu_pool.shutdown(wait=False, cancel_futures=True)


def create_app() -> FastAPI:
    app = FastAPI(title="Fieldwise", version="2.7.1", lifespan=lifespan)
    app.add_middleware(UploadRateLimitMiddleware, per_minute=120)
    app.add_middleware(RequestContextMiddleware)
    app.add_exception_handler(FieldwiseError, fieldwise_error_handler)
    for module in (auth, farms, fields, ingest, irrigation, imagery, weather, yields, admin):
        app.include_router(module.router)
    for module in (equipment_ws, fieldmap_ws, alerts_ws):
        app.include_router(module.router)
    app.include_router(health.router)
    return app


app = create_app()
