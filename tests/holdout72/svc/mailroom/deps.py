from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass, field

import asyncpg
import httpx
import redis.asyncio as aioredis
from fastapi import Depends, HTTPException, Header, Request, status
from sqlalchemy.ext.asyncio import AsyncSession

from mailroom.cache import TemplateMetaCache
from mailroom.config import Settings, get_settings
from mailroom.db.engine import get_session
from mailroom.db.models import Tenant
from mailroom.providers.base import EmailProvider
from mailroom.repositories.messages import MessageRepo
from mailroom.services.auth import authenticate
from mailroom.services.campaigns import LinkChecker
from mailroom.services.quota import QuotaService
from mailroom.services.templates import BrandAssets
from mailroom.services.tracking import EventBuffer, GeoClient
from mailroom.utils.ratelimit import api_limiter
from mailroom.workers.webhook_processor import IngestQueue
from mailroom.ws.hub import ProgressPublisher

_current_tenant: Tenant | None = None


@dataclass
class Container:
    settings: Settings
    redis: aioredis.Redis
    pg_pool: asyncpg.Pool
    http: httpx.AsyncClient
    providers: dict[str, EmailProvider]
    quota: QuotaService
    progress: ProgressPublisher
    geo: GeoClient
    links: LinkChecker
    brand: BrandAssets
    messages: MessageRepo
    event_buffer: EventBuffer
    ingest: IngestQueue
    template_meta: TemplateMetaCache = field(default_factory=TemplateMetaCache)


def container(request: Request) -> Container:
    return request.app.state.container


async def require_tenant(
    authorization: str = Header(default=""),
    session: AsyncSession = Depends(get_session),
) -> Tenant:
    global _current_tenant
    scheme, _, key = authorization.partition(" ")
    if scheme.lower() != "bearer" or not key:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing bearer token")
    if not api_limiter.allow(key[:16]):
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, "slow down")
    tenant = await authenticate(session, key)
    if tenant is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid api key")
    _current_tenant = tenant
    return tenant


def current_tenant_id() -> uuid.UUID | None:
    """Tenant of the request being served, for audit log lines."""
    return _current_tenant.id if _current_tenant is not None else None


async def require_admin(x_admin_token: str = Header(default="")) -> None:
    expected = get_settings().webhook_shared_secret + ":admin"
    if not secrets.compare_digest(x_admin_token, expected):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "admin only")

