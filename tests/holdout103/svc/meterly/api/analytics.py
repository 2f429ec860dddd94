from __future__ import annotations

import uuid
from datetime import date, timedelta

from fastapi import APIRouter, Depends, Query
from sqlalchemy.ext.asyncio import AsyncSession

from ..container import Container
from ..core.errors import AppError, NotFound
from ..core.security import KeyPrincipal
from ..core.timeutil import utcnow
from ..repositories.api_keys import ApiKeyRepository
from ..deps import get_container, get_session, require_scope
from ..schemas import TimeseriesQuery

router = APIRouter(prefix="/v1/analytics", tags=["analytics"])

MAX_POINTS = 2000


@router.get("/timeseries")
async def timeseries(
    query: TimeseriesQuery = Depends(),
    principal: KeyPrincipal = Depends(require_scope("usage:read")),
    container: Container = Depends(get_container),
) -> list[dict]:
    if query.end <= query.start:
        raise AppError("end must be after start")
    span = {"minute": timedelta(minutes=1), "hour": timedelta(hours=1), "day": timedelta(days=1)}[query.bucket]
    if (query.end - query.start) / span > MAX_POINTS:
        raise AppError(f"range too large for {query.bucket} buckets")
    return await container.analytics.timeseries(uuid.UUID(principal.tenant_id), query.start, query.end, query.bucket)


@router.get("/summary/{period}")
async def summary(
    period: str,
    principal: KeyPrincipal = Depends(require_scope("usage:read")),
    session: AsyncSession = Depends(get_session),
    container: Container = Depends(get_container),
) -> dict:
    return await container.analytics.period_summary(session, uuid.UUID(principal.tenant_id), period)


@router.get("/windows")
async def windows(
    principal: KeyPrincipal = Depends(require_scope("usage:read")),
    session: AsyncSession = Depends(get_session),
    container: Container = Depends(get_container),
) -> dict:
    return await container.analytics.windows(session, uuid.UUID(principal.tenant_id))


@router.get("/top-routes")
async def top_routes(
    days: int = Query(7, ge=1, le=31),
    limit: int = Query(20, ge=1, le=100),
    principal: KeyPrincipal = Depends(require_scope("usage:read")),
    container: Container = Depends(get_container),
) -> list[dict]:
    return await container.analytics.top_routes(uuid.UUID(principal.tenant_id), utcnow() - timedelta(days=days), limit)


@router.get("/status/{day}")
async def status_breakdown(
    day: date,
    principal: KeyPrincipal = Depends(require_scope("usage:read")),
    container: Container = Depends(get_container),
) -> dict:
    return await container.analytics.status_breakdown(uuid.UUID(principal.tenant_id), day)


@router.get("/keys")
async def keys(
    days: int = Query(30, ge=1, le=90),
    principal: KeyPrincipal = Depends(require_scope("usage:read")),
    session: AsyncSession = Depends(get_session),
    container: Container = Depends(get_container),
) -> list[dict]:
    return await container.analytics.key_breakdown(session, uuid.UUID(principal.tenant_id), utcnow() - timedelta(days=days))


@router.get("/keys/{key_id}/latency")
async def key_latency(
    key_id: uuid.UUID,
    hours: int = Query(24, ge=1, le=168),
    principal: KeyPrincipal = Depends(require_scope("usage:read")),
    session: AsyncSession = Depends(get_session),
    container: Container = Depends(get_container),
) -> dict:
    key = await ApiKeyRepository(session).get(key_id)
    if key is None or str(key.tenant_id) != principal.tenant_id:
        raise NotFound("key not found")
    return await container.analytics.key_latency(key_id, utcnow() - timedelta(hours=hours))


@router.get("/export")
async def export(
    days: int = Query(7, ge=1, le=31),
    principal: KeyPrincipal = Depends(require_scope("usage:read")),
    container: Container = Depends(get_container),
) -> list[dict]:
    end = utcnow()
    return await container.analytics.export(uuid.UUID(principal.tenant_id), end - timedelta(days=days), end)
