from __future__ import annotations

import hashlib
import hmac
from collections.abc import AsyncIterator
from dataclasses import dataclass

from fastapi import Depends, Header, HTTPException, Request, WebSocket
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from .models.tenant import ApiKey, Tenant
from .services.container import Container
from .settings import get_settings


@dataclass(frozen=True)
class TenantContext:
    id: int
    slug: str
    plan: str


def get_container(request: Request) -> Container:
    return request.app.state.container


async def get_session(container: Container = Depends(get_container)) -> AsyncIterator[AsyncSession]:
    async with container.db.session() as session:
        yield session


async def _resolve_key(session: AsyncSession, raw_key: str) -> TenantContext | None:
    prefix = raw_key[:12]
    row = (
        await session.execute(
            select(ApiKey, Tenant).join(Tenant, Tenant.id == ApiKey.tenant_id).where(ApiKey.prefix == prefix)
        )
    ).first()
    if row is None:
        return None
    key, tenant = row
    settings = get_settings()
    digest = hashlib.pbkdf2_hmac("sha256", raw_key.encode(), bytes.fromhex(key.salt), settings.api_key_iterations)
    if not hmac.compare_digest(digest.hex(), key.key_hash):
        return None
    return TenantContext(id=tenant.id, slug=tenant.slug, plan=tenant.plan)


async def current_tenant(
    x_api_key: str = Header(default=""),
    session: AsyncSession = Depends(get_session),
) -> TenantContext:
    if len(x_api_key) < 24:
        raise HTTPException(status_code=401, detail="missing api key")
    tenant = await _resolve_key(session, x_api_key)
    if tenant is None:
        raise HTTPException(status_code=401, detail="invalid api key")
    return tenant


async def authenticate_ws(websocket: WebSocket) -> TenantContext | None:
    raw_key = websocket.query_params.get("key") or websocket.headers.get("x-api-key", "")
    if len(raw_key) < 24:
        return None
    container: Container = websocket.app.state.container
    async with container.db.session() as session:
        return await _resolve_key(session, raw_key)
