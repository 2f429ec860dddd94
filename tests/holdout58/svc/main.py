"""Application factory and lifespan wiring for the fleet backend."""
from __future__ import annotations

import logging
import os
import socket
import time
import uuid
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, status
from fastapi.responses import JSONResponse
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.responses import Response

from .cache.firmware_cache import ManifestCache
from .cache.rate_limit import CommandQuota, ProvisioningThrottle, RedisRateLimiter
from .cache.redis_client import create_redis
from .clients.ca_client import CAClient
from .clients.cdn_client import FirmwareCDN
from .clients.mqtt_bridge import MqttBridge
from .clients.notifier import PagerNotifier
from .config import get_settings
from .db import engine as registry_db
from .db.telemetry_db import create_telemetry_pool
from .repositories.telemetry import TelemetryRepository
from .routers import campaigns, certificates, devices, firmware, health, shadows, sites, telemetry
from .services.alerting import AlertService, run_alert_evaluator
from .services.cert_rotation import CertRotationService
from .services.commands import CommandService
from .services.presence import PresenceService
from .services.rollout import RolloutService
from .services.telemetry_ingest import IngestPipeline
from .utils.errors import CampaignNotFound, DeviceNotFound, FleetError, RateLimited
from .workers.cert_rotator import CertRotator
from .workers.rollup import HourlyRollup
from .workers.scheduler import BackgroundTasks, every
from .workers.wave_promoter import WavePromoter
from .ws import commands_ws, live_telemetry
from .ws.live_telemetry import LiveHub
from .ws.connection_registry import ConnectionRegistry

logger = logging.getLogger(__name__)
access_log = logging.getLogger("fleet.access")


class RequestContextMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        request_id = request.headers.get("x-request-id") or uuid.uuid4().hex
        started = time.perf_counter()
        try:
            response = await call_next(request)
        except Exception:
            access_log.exception("unhandled error %s %s request_id=%s", request.method, request.url.path, request_id)
            raise
        elapsed_ms = (time.perf_counter() - started) * 1000
        response.headers["x-request-id"] = request_id
        access_log.info(
            "%s %s %d %.1fms request_id=%s",
            request.method,
            request.url.path,
            response.status_code,
            elapsed_ms,
            request_id,
        )
        return response


@asynccontextmanager
async def lifespan(app: FastAPI):
    settings = get_settings()
    state = app.state
    state.settings = settings
    state.signing_key = os.environ.get("FLEET_MANIFEST_KEY", "").encode()
    state.redis = create_redis(settings)
    state.pg = await create_telemetry_pool(settings)
    state.telemetry_repo = TelemetryRepository(state.pg, settings.pg_acquire_timeout)
    state.presence = PresenceService(state.redis)
    state.rate_limiter = RedisRateLimiter(state.redis)
    state.provision_throttle = ProvisioningThrottle(settings.provisioning_rate_per_minute)
    state.manifests = ManifestCache(state.redis, registry_db.SessionFactory)
    state.ca = CAClient(settings.ca_base_url, settings.ca_api_token)
    state.cdn = FirmwareCDN(settings.cdn_base_url)
    state.notifier = PagerNotifier(settings.notify_base_url, settings.notify_api_key)
    await state.notifier.start()
    state.connections = ConnectionRegistry(settings.ws_max_connections_per_site)
    state.live_hub = LiveHub(state.redis)

    state.pipeline = None
    state.bridge = MqttBridge(settings.mqtt_host, settings.mqtt_port, f"fleet-{socket.gethostname()}", sink=None)
    state.commands = CommandService(
        state.telemetry_repo, state.bridge, CommandQuota(state.redis), state.connections
    )
    state.pipeline = IngestPipeline(
        settings,
        state.telemetry_repo,
        registry_db.SessionFactory,
        state.rate_limiter,
        state.presence,
        state.commands,
        state.live_hub,
        state.ca,
    )
    state.bridge._sink = state.pipeline
    state.cert_rotation = CertRotationService(registry_db.SessionFactory, state.ca, state.bridge, settings.key_dir)

    alert_service = AlertService(registry_db.SessionFactory, state.telemetry_repo, state.notifier)
    promoter = WavePromoter(
        registry_db.SessionFactory,
        lambda session: RolloutService(session, state.bridge, state.manifests, state.cdn),
        settings.wave_poll_seconds,
    )
    rotator = CertRotator(
        registry_db.SessionFactory,
        state.ca,
        state.cert_rotation,
        settings.cert_renew_window_days,
        settings.cert_rotation_concurrency,
    )
    rollup = HourlyRollup(state.pg, state.redis, settings.pg_acquire_timeout)

    tasks = BackgroundTasks()
    state.tasks = tasks
    tasks.start("mqtt-bridge", state.bridge.run)
    tasks.start("mqtt-dispatch", state.bridge.dispatch_loop)
    tasks.start("ingest-writer", state.pipeline.run_writer)
    tasks.start("last-seen", lambda: every(10.0, state.pipeline.flush_last_seen))
    tasks.start("live-hub", state.live_hub.pump)
    tasks.start("alerts", lambda: run_alert_evaluator(alert_service, settings.alert_eval_seconds), supervised=False)
    tasks.start("wave-promoter", promoter.run, supervised=False)
    tasks.start("cert-rotator", lambda: every(3600.0, rotator.run_once))
    tasks.start("rollup", lambda: every(300.0, rollup.run_once))
    logger.info("fleet backend started")
    try:
        yield
    finally:
        promoter.stop()
        await tasks.stop()
        await state.bridge.close()
        await state.notifier.close()
        await state.ca.aclose()
        await state.cdn.aclose()
        await state.pg.close()
        await state.redis.aclose()
        await registry_db.dispose()


def _error_handlers(app: FastAPI) -> None:
    @app.exception_handler(DeviceNotFound)
    @app.exception_handler(CampaignNotFound)
    async def not_found(_: Request, exc: FleetError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=status.HTTP_404_NOT_FOUND)

    @app.exception_handler(RateLimited)
    async def rate_limited(_: Request, exc: RateLimited) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=status.HTTP_429_TOO_MANY_REQUESTS)


def create_app() -> FastAPI:
    app = FastAPI(title="fleet", version="2.14.0", lifespan=lifespan)
    app.add_middleware(RequestContextMiddleware)
    _error_handlers(app)
    for module in (devices, shadows, campaigns, telemetry, certificates, firmware, sites, health):
        app.include_router(module.router)
    app.include_router(commands_ws.router)
    app.include_router(live_telemetry.router)
    return app


app = create_app()
