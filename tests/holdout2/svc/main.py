"""Application factory and lifespan: builds the object graph, starts the background
workers and tears everything down on shutdown."""
from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse

from svc import __version__
from svc.api import alerts as alerts_api
from svc.api import devices as devices_api
from svc.api import firmware as firmware_api
from svc.api import health as health_api
from svc.api import readings as readings_api
from svc.api import reports as reports_api
from svc.api.deps import Container
from svc.cache import TenantConfigCache, create_redis
from svc.clients.billing import BillingClient
from svc.clients.firmware_cdn import FirmwareCDN
from svc.clients.notifier import PushNotifier
from svc.clients.weather import WeatherClient
from svc.db import Database, SessionFactory, create_pool, dispose_engine
from svc.errors import ServiceError
from svc.repositories.alerts import AlertsRepository
from svc.repositories.devices import DevicesRepository
from svc.repositories.firmware import FirmwareRepository
from svc.repositories.readings import ReadingsRepository
from svc.services.alerts import AlertEvaluator, AlertService, Escalator, RuleCache, WebhookSender
from svc.services.auth import JwksVerifier
from svc.services.devices import CommandService, DeviceService
from svc.services.firmware import FirmwareService
from svc.services.ingest import IngestPipeline
from svc.services.rate_limit import InProcessRateLimiter, RedisRateLimiter
from svc.services.reports import ReportService
from svc.settings import Settings, get_settings
from svc.workers.alert_dispatch import AlertDispatcher
from svc.workers.firmware_sync import FirmwareSyncWorker
from svc.workers.retention import RetentionWorker
from svc.workers.rollup import RollupWorker
from svc.workers.supervisor import supervise
from svc.workers.usage_report import UsageReporter
from svc.ws import console as console_ws
from svc.ws import dashboard as dashboard_ws
from svc.ws import devices as devices_ws
from svc.ws.dashboard import DashboardHub
from svc.ws.registry import DeviceRegistry

try:
    from uvloop import install as install_uvloop
except ImportError:
    install_uvloop = None

log = logging.getLogger("svc")

USER_AGENT = f"fleet-telemetry/{__version__}"
_WRITE_PREFIXES = ("/devices", "/readings", "/alerts", "/firmware", "/reports")


def configure_logging(settings: Settings) -> None:
    logging.basicConfig(
        level=settings.log_level,
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
    )


def _make_dirs(settings: Settings) -> None:
    for directory in (settings.export_dir, settings.firmware_dir, settings.archive_dir):
        Path(directory).mkdir(parents=True, exist_ok=True)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    configure_logging(settings)
    await asyncio.to_thread(_make_dirs, settings)

    pool = await create_pool(settings)
    db = Database(pool, acquire_timeout=settings.db_acquire_timeout)
    redis_client = create_redis(settings)
    http = httpx.AsyncClient(headers={"User-Agent": USER_AGENT})

    weather = WeatherClient(settings)
    notifier = PushNotifier(settings)
    billing = BillingClient(settings)
    cdn = FirmwareCDN(settings.firmware_cdn_url)
    await notifier.start()
    await billing.start()

    devices_repo = DevicesRepository(db)
    readings_repo = ReadingsRepository(db)
    alerts_repo = AlertsRepository(SessionFactory)
    firmware_repo = FirmwareRepository(SessionFactory)
    tenant_cache = TenantConfigCache(db)

    registry = DeviceRegistry(redis_client, max_connections=settings.ws_max_connections)
    hub = DashboardHub()
    rules = RuleCache(alerts_repo)
    dispatcher = AlertDispatcher(
        hub,
        WebhookSender(timeout=settings.webhook_timeout, signing_secret=settings.webhook_signing_secret),
        Escalator(notifier, cooldown=settings.escalation_cooldown),
        tenant_cache,
    )
    evaluator = AlertEvaluator(rules, alerts_repo, dispatcher.enqueue)
    pipeline = IngestPipeline(readings_repo, devices_repo, evaluator.evaluate, settings)
    firmware_service = FirmwareService(firmware_repo, devices_repo, redis_client, settings)

    container = Container(
        settings=settings,
        db=db,
        redis=redis_client,
        devices_repo=devices_repo,
        readings_repo=readings_repo,
        alerts_repo=alerts_repo,
        firmware_repo=firmware_repo,
        tenant_cache=tenant_cache,
        pipeline=pipeline,
        device_service=DeviceService(
            devices_repo, readings_repo, billing, weather, registry, rules, pepper=settings.device_secret_pepper
        ),
        commands=CommandService(db, redis_client, ack_timeout=settings.command_ack_timeout),
        alert_service=AlertService(alerts_repo, rules),
        report_service=ReportService(db, devices_repo, readings_repo, settings),
        firmware_service=firmware_service,
        registry=registry,
        dashboard=hub,
        jwks=JwksVerifier(http, settings.jwks_url, settings.jwt_audience),
        api_limiter=InProcessRateLimiter(settings.api_rate_limit),
        bulk_limiter=RedisRateLimiter(settings.redis_url, settings.bulk_rate_limit),
    )
    app.state.container = container

    rollup = RollupWorker(db, redis_client, interval=settings.rollup_interval)
    retention = RetentionWorker(pool, settings)
    usage = UsageReporter(db, billing, interval=settings.usage_report_interval)
    firmware_sync = FirmwareSyncWorker(db, firmware_service, cdn, interval=settings.firmware_sync_interval)

    tasks: list[asyncio.Task[None]] = [
        asyncio.create_task(supervise("ingest-writer", pipeline.run_writer), name="ingest-writer"),
        asyncio.create_task(supervise("alert-dispatch", dispatcher.run), name="alert-dispatch"),
        asyncio.create_task(supervise("device-router", registry.route_control_messages), name="device-router"),
        asyncio.create_task(supervise("rollup", rollup.run), name="rollup"),
        asyncio.create_task(supervise("retention", retention.run), name="retention"),
        asyncio.create_task(firmware_sync.run(), name="firmware-sync"),
        asyncio.create_task(usage.run(), name="usage-report"),
    ]
    app.state.tasks = tasks
    log.info("telemetry %s started (%s)", __version__, settings.environment)
    try:
        yield
    finally:
        rollup.stop()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await container.bulk_limiter.aclose()
        await http.aclose()
        await weather.aclose()
        await cdn.aclose()
        await notifier.close()
        await billing.close()
        await redis_client.aclose()
        await db.close()
        await dispose_engine()


async def service_error_handler(request: Request, exc: ServiceError) -> JSONResponse:
    if exc.status_code >= 500:
        log.warning("%s %s failed: %s", request.method, request.url.path, exc.message)
    return JSONResponse(status_code=exc.status_code, content=exc.to_payload())


def create_app() -> FastAPI:
    app = FastAPI(title="Fleet Telemetry", version=__version__, lifespan=lifespan)
    for module in (devices_api, readings_api, alerts_api, firmware_api, reports_api, health_api):
        app.include_router(module.router)
    for module in (devices_ws, dashboard_ws, console_ws):
        app.include_router(module.router)
    app.add_exception_handler(ServiceError, service_error_handler)

    @app.middleware("http")
    async def maintenance_and_timing(request: Request, call_next) -> Response:
        state = health_api.maintenance_state()
        if state["enabled"] and request.method != "GET" and request.url.path.startswith(_WRITE_PREFIXES):
            return JSONResponse(
                status_code=503,
                content={"error": "maintenance", "message": state["reason"] or "scheduled maintenance"},
                headers={"Retry-After": "300"},
            )
        started = time.perf_counter()
        response = await call_next(request)
        response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
        return response

    return app


app = create_app()


def run() -> None:
    import uvicorn

    if install_uvloop is not None:
        install_uvloop()
    uvicorn.run("svc.main:app", host="0.0.0.0", port=8080, proxy_headers=True)
