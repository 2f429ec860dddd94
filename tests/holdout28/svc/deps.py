"""FastAPI dependencies wiring repositories and services to app state."""
from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import redis.asyncio as aioredis
from fastapi import Depends, Header, HTTPException, Request, WebSocket, status
from sqlalchemy.ext.asyncio import AsyncSession

from svc.cache import RedisRateLimiter, RuleCache
from svc.config import settings
from svc.db.alerts_repo import AlertRepository
from svc.db.campaigns_repo import CampaignRepository
from svc.db.database import Database, get_session
from svc.db.devices_repo import DeviceRecord, DeviceRepository
from svc.db.telemetry_repo import TelemetryRepository
from svc.errors import Unauthorized
from svc.realtime import MapHub
from svc.services.alerts import AlertService
from svc.services.auth import Dispatcher, decode_dispatcher, verify_device_token
from svc.services.firmware import FirmwareService
from svc.services.geofences import GeofenceService
from svc.services.reports import ReportService
from svc.services.telemetry import TelemetryService


def get_db(request: Request) -> Database:
    return request.app.state.db


def get_hub(websocket: WebSocket) -> MapHub:
    return websocket.app.state.hub


def get_device_repo(db: Database = Depends(get_db)) -> DeviceRepository:
    return DeviceRepository(db)


def get_telemetry_repo(db: Database = Depends(get_db)) -> TelemetryRepository:
    return TelemetryRepository(db)


def get_alert_repo(db: Database = Depends(get_db)) -> AlertRepository:
    return AlertRepository(db)


def get_campaign_repo(db: Database = Depends(get_db)) -> CampaignRepository:
    return CampaignRepository(db)


def get_alert_service(request: Request) -> AlertService:
    return request.app.state.alerts


def get_telemetry_service(request: Request) -> TelemetryService:
    return request.app.state.telemetry


def get_report_service(
    devices: DeviceRepository = Depends(get_device_repo),
    telemetry: TelemetryRepository = Depends(get_telemetry_repo),
) -> ReportService:
    return ReportService(devices, telemetry)


def get_firmware_service(
    request: Request,
    campaigns: CampaignRepository = Depends(get_campaign_repo),
    devices: DeviceRepository = Depends(get_device_repo),
) -> FirmwareService:
    return FirmwareService(campaigns, devices, request.app.state.ota, request.app.state.tracker)


async def get_geofence_service(
    request: Request, session: AsyncSession = Depends(get_session)
) -> AsyncIterator[GeofenceService]:
    rule_cache: RuleCache = request.app.state.rule_cache
    yield GeofenceService(session, rule_cache)


async def get_command_limiter() -> RedisRateLimiter:
    client = aioredis.Redis.from_url(settings.cache_redis_url, socket_timeout=settings.redis_socket_timeout)
    return RedisRateLimiter(client, settings.command_rate_limit_per_min)


def ota_callback_secret() -> bytes:
    return Path(settings.ota_callback_secret_path).read_bytes().strip()


async def current_device(
    x_device_serial: str = Header(),
    authorization: str = Header(),
    devices: DeviceRepository = Depends(get_device_repo),
) -> DeviceRecord:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, detail="bearer token required")
    try:
        device_id = await verify_device_token(x_device_serial, token, devices)
    except Unauthorized as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, detail=exc.message) from exc
    device = await devices.get(device_id)
    if device is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, detail="device disabled")
    return device


def current_dispatcher(authorization: str = Header()) -> Dispatcher:
    _, _, token = authorization.partition(" ")
    try:
        return decode_dispatcher(token)
    except Unauthorized as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, detail=exc.message) from exc
