"""Application entry point: wiring, lifespan and routers."""
from __future__ import annotations

import asyncio
import logging
import os
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from svc.api import devices, firmware, map_ws, rules, telemetry
from svc.cache import RuleCache, cache_redis, lock_redis, stream_redis
from svc.clients.geo import Geocoder, RoadSpeedClient
from svc.clients.notify import SmsGateway, WebhookSender
from svc.clients.ota import OtaClient
from svc.config import settings
from svc.db.alerts_repo import AlertRepository
from svc.db.database import Database, engine
from svc.db.devices_repo import DeviceRepository
from svc.db.telemetry_repo import TelemetryRepository
from svc.errors import FleetError
from svc.middleware import DeviceRateLimitMiddleware, TimeoutMiddleware
from svc.realtime import MapHub
from svc.services.alerts import AlertService
from svc.services.geofences import GeofenceIndex, make_rule_loader
from svc.services.telemetry import TelemetryService
from svc.services.firmware import CampaignTracker
from svc.workers.ingest import IngestWorker
from svc.workers.maintenance import RetentionWorker, RollupAggregator, Supervisor

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
logger = logging.getLogger("svc")


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    db = await Database.connect()
    cache = cache_redis(settings)
    streams = stream_redis(settings)
    locks = lock_redis(settings)

    ota = OtaClient(settings.ota_base_url, settings.ota_api_token)
    geocoder = Geocoder(settings.geocoder_url)
    roads = RoadSpeedClient(settings.speed_limit_url)
    await geocoder.start()
    await roads.start()

    hub = MapHub(settings.ws_max_clients)
    hub.start()
    rule_cache = RuleCache(cache)
    alerts = AlertService(
        AlertRepository(db),
        rule_cache,
        make_rule_loader(rule_cache),
        geocoder,
        roads,
        SmsGateway(settings.sms_gateway_url, settings.sms_api_key),
        WebhookSender(settings.webhook_signing_secret),
        cache,
    )
    telemetry_repo = TelemetryRepository(db)

    app.state.db = db
    app.state.cache_redis = cache
    app.state.ota = ota
    app.state.hub = hub
    app.state.rule_cache = rule_cache
    app.state.alerts = alerts
    app.state.tracker = CampaignTracker()
    app.state.geofence_index = GeofenceIndex()
    app.state.telemetry = TelemetryService(streams, hub, alerts, settings)

    supervisor = Supervisor()
    consumer = f"{socket.gethostname()}-{os.getpid()}"
    ingest = IngestWorker(streams, telemetry_repo, DeviceRepository(db), settings, consumer)
    supervisor.spawn("ingest", ingest.run)
    aggregator_task = asyncio.create_task(RollupAggregator(telemetry_repo, cache, settings).run())
    retention_task = asyncio.create_task(RetentionWorker(telemetry_repo, locks, settings).run_forever())
    logger.info("fleet telemetry started as consumer %s", consumer)
    try:
        yield
    finally:
        aggregator_task.cancel()
        retention_task.cancel()
        await asyncio.gather(aggregator_task, retention_task, return_exceptions=True)
        await supervisor.stop()
        await hub.stop()
        await ota.aclose()
        await geocoder.close()
        await roads.close()
        await cache.aclose()
        await streams.aclose()
        await locks.aclose()
        await db.close()
        await engine.dispose()


app = FastAPI(title=settings.app_name, lifespan=lifespan)
app.add_middleware(DeviceRateLimitMiddleware, limit_per_min=settings.device_rate_limit_per_min)
app.add_middleware(TimeoutMiddleware, timeout_s=settings.request_timeout_s)


@app.get("/healthz", tags=["ops"])
async def healthz(request: Request) -> dict[str, str]:
    """Probe used by the load balancer and the orchestrator readiness check."""
    return {"status": "ok", "service": request.app.title}


@app.exception_handler(FleetError)
async def fleet_error_handler(_: Request, exc: FleetError) -> JSONResponse:
    return JSONResponse(exc.to_dict(), status_code=exc.status_code)


for module in (devices, telemetry, rules, firmware, map_ws):
    app.include_router(module.router)
