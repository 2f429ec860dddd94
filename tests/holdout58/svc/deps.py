"""FastAPI dependencies resolving the shared clients created in the lifespan."""
from __future__ import annotations

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from .cache.firmware_cache import ManifestCache
from .cache.rate_limit import RedisRateLimiter
from .clients.cdn_client import FirmwareCDN
from .db.engine import get_session
from .repositories.telemetry import TelemetryRepository
from .services.cert_rotation import CertRotationService
from .services.commands import CommandService
from .services.firmware import FirmwareService
from .services.presence import PresenceService
from .services.registry import RegistryService
from .services.rollout import RolloutService
from .services.shadow_service import ShadowService


def telemetry_repo(request: Request) -> TelemetryRepository:
    return request.app.state.telemetry_repo


def presence(request: Request) -> PresenceService:
    return request.app.state.presence


def rate_limiter(request: Request) -> RedisRateLimiter:
    return request.app.state.rate_limiter


def manifests(request: Request) -> ManifestCache:
    return request.app.state.manifests


def cdn(request: Request) -> FirmwareCDN:
    return request.app.state.cdn


def commands(request: Request) -> CommandService:
    return request.app.state.commands


def cert_rotation(request: Request) -> CertRotationService:
    return request.app.state.cert_rotation


def registry_service(request: Request, session: AsyncSession = Depends(get_session)) -> RegistryService:
    return RegistryService(session, request.app.state.presence, request.app.state.ca)


def shadow_service(request: Request, session: AsyncSession = Depends(get_session)) -> ShadowService:
    return ShadowService(session, request.app.state.bridge)


def rollout_service(request: Request, session: AsyncSession = Depends(get_session)) -> RolloutService:
    state = request.app.state
    return RolloutService(session, state.bridge, state.manifests, state.cdn)


def firmware_service(request: Request, session: AsyncSession = Depends(get_session)) -> FirmwareService:
    state = request.app.state
    return FirmwareService(session, state.manifests, state.cdn, state.settings.firmware_dir, state.signing_key)
