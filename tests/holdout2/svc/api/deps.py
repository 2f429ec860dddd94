"""Dependency wiring for the routes. The container is built once in the lifespan."""
from __future__ import annotations

import hmac
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fastapi import Depends, Header, Request

from svc.errors import AuthError
from svc.services.auth import api_key_digest

if TYPE_CHECKING:
    import redis.asyncio as aioredis

    from svc.cache import TenantConfigCache
    from svc.db import Database
    from svc.repositories.alerts import AlertsRepository
    from svc.repositories.devices import DevicesRepository
    from svc.repositories.firmware import FirmwareRepository
    from svc.repositories.readings import ReadingsRepository
    from svc.services.alerts import AlertService
    from svc.services.auth import JwksVerifier
    from svc.services.devices import CommandService, DeviceService
    from svc.services.firmware import FirmwareService
    from svc.services.ingest import IngestPipeline
    from svc.services.rate_limit import InProcessRateLimiter, RedisRateLimiter
    from svc.services.reports import ReportService
    from svc.settings import Settings
    from svc.ws.dashboard import DashboardHub
    from svc.ws.registry import DeviceRegistry


@dataclass
class Container:
    settings: Settings
    db: Database
    redis: aioredis.Redis
    devices_repo: DevicesRepository
    readings_repo: ReadingsRepository
    alerts_repo: AlertsRepository
    firmware_repo: FirmwareRepository
    tenant_cache: TenantConfigCache
    pipeline: IngestPipeline
    device_service: DeviceService
    commands: CommandService
    alert_service: AlertService
    report_service: ReportService
    firmware_service: FirmwareService
    registry: DeviceRegistry
    dashboard: DashboardHub
    jwks: JwksVerifier
    api_limiter: InProcessRateLimiter
    bulk_limiter: RedisRateLimiter


@dataclass(frozen=True, slots=True)
class Principal:
    tenant_id: uuid.UUID
    subject: str
    roles: frozenset[str]


def get_container(request: Request) -> Container:
    return request.app.state.container


async def current_principal(
    authorization: str = Header(...), container: Container = Depends(get_container)
) -> Principal:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise AuthError("bearer token required")
    claims = await container.jwks.verify(token)
    await container.api_limiter.hit(str(claims.tenant_id))
    return Principal(tenant_id=claims.tenant_id, subject=claims.subject, roles=claims.roles)


async def require_ops_key(x_ops_key: str = Header(...), container: Container = Depends(get_container)) -> None:
    expected = container.settings.ops_key_digest
    if not expected or not hmac.compare_digest(api_key_digest(x_ops_key), expected):
        raise AuthError("invalid ops key")


def get_signing_key(container: Container = Depends(get_container)) -> bytes:
    with open(container.settings.signing_key_path, "rb") as fh:
        return fh.read().strip()
