"""FastAPI dependencies: database sessions, the authenticated driver and app-scoped services."""
from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import jwt
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.ext.asyncio import AsyncSession

from svc.cache import TariffCache
from svc.clients.notifications import NotificationService
from svc.clients.object_store import ObjectStore
from svc.config import settings
from svc.db.engine import SessionFactory
from svc.db.repositories.telemetry import TelemetryRepository
from svc.errors import AuthenticationError, RateLimited
from svc.services.billing import PaymentService
from svc.services.documents import ReceiptService, ReportService
from svc.services.tariffs import TariffService
from svc.ws.routing import ConnectionRegistry

_bearer = HTTPBearer(auto_error=False)


async def get_db() -> AsyncIterator[AsyncSession]:
    async with SessionFactory() as session:
        try:
            yield session
            await session.commit()
        except Exception:
            await session.rollback()
            raise


def decode_access_token(token: str) -> int | None:
    try:
        claims = jwt.decode(token, settings.jwt_secret, algorithms=["HS256"], audience=settings.jwt_audience)
    except jwt.PyJWTError:
        return None
    sub = claims.get("sub")
    return int(sub) if sub and str(sub).isdigit() else None


async def current_driver_id(
    request: Request, creds: HTTPAuthorizationCredentials | None = Depends(_bearer)
) -> int:
    if creds is None:
        raise AuthenticationError("missing bearer token")
    driver_id = decode_access_token(creds.credentials)
    if driver_id is None:
        raise AuthenticationError("invalid or expired token")
    if not request.app.state.local_limiter.check(f"driver:{driver_id}"):
        raise RateLimited("too many requests")
    return driver_id


def get_pricing_config() -> dict[str, Any]:
    """Display strings and VAT rates per country, maintained by the pricing team."""
    path = Path(settings.static_docs_dir) / "pricing.json"
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


def get_registry(request: Request) -> ConnectionRegistry:
    return request.app.state.registry


def get_telemetry_repo(request: Request) -> TelemetryRepository:
    return request.app.state.telemetry


def get_tariff_service(request: Request) -> TariffService:
    return request.app.state.tariff_service


def get_tariff_cache(request: Request) -> TariffCache:
    return request.app.state.tariff_cache


def get_notifier(request: Request) -> NotificationService:
    return request.app.state.notifier


def get_payment_service(request: Request) -> PaymentService:
    return request.app.state.payment_service


def get_receipts(request: Request) -> ReceiptService:
    return request.app.state.receipts


def get_reports(request: Request) -> ReportService:
    return request.app.state.reports


def get_object_store(request: Request) -> ObjectStore:
    return request.app.state.object_store
