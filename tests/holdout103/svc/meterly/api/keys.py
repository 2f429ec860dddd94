from __future__ import annotations

import uuid
from datetime import timedelta

from fastapi import APIRouter, Depends, status
from sqlalchemy.ext.asyncio import AsyncSession

from ..container import Container
from ..core.security import KeyPrincipal
from ..core.timeutil import utcnow
from ..deps import get_container, get_session, require_scope
from ..schemas import KeyCreate, KeyCreated

router = APIRouter(prefix="/v1/keys", tags=["keys"])


@router.post("", response_model=KeyCreated, status_code=status.HTTP_201_CREATED)
async def create_key(
    body: KeyCreate,
    principal: KeyPrincipal = Depends(require_scope("keys:manage")),
    session: AsyncSession = Depends(get_session),
    container: Container = Depends(get_container),
) -> KeyCreated:
    key, raw = await container.keys.create(session, uuid.UUID(principal.tenant_id), body.name, body.scopes,
                                           body.ttl_days, body.rate_limit_per_min)
    return KeyCreated(id=str(key.id), prefix=key.prefix, secret=raw, expires_at=key.expires_at)


@router.get("")
async def list_keys(
    principal: KeyPrincipal = Depends(require_scope("keys:manage")),
    session: AsyncSession = Depends(get_session),
    container: Container = Depends(get_container),
) -> list[dict]:
    since = utcnow() - timedelta(days=30)
    return await container.keys.list_with_usage(session, uuid.UUID(principal.tenant_id), since)


@router.delete("/{key_id}", status_code=status.HTTP_204_NO_CONTENT)
async def revoke_key(
    key_id: uuid.UUID,
    principal: KeyPrincipal = Depends(require_scope("keys:manage")),
    session: AsyncSession = Depends(get_session),
    container: Container = Depends(get_container),
) -> None:
    await container.keys.revoke(session, uuid.UUID(principal.tenant_id), key_id)
