from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, Field, HttpUrl
from sqlalchemy.ext.asyncio import AsyncSession

from mailroom.cache import _tenant_cache, tenant_settings
from mailroom.db.engine import get_session
from mailroom.db.models import Tenant
from mailroom.deps import Container, container, require_admin, require_tenant
from mailroom.services.auth import hash_for_storage, new_api_key

router = APIRouter(tags=["tenants"])


class TenantCreate(BaseModel):
    name: str = Field(min_length=2, max_length=200)
    plan: str = "starter"
    hourly_quota: int = Field(default=10_000, ge=100, le=5_000_000)


class WebhookUpdate(BaseModel):
    url: HttpUrl | None


@router.post("/admin/tenants", status_code=201, dependencies=[Depends(require_admin)])
async def create_tenant(body: TenantCreate, session: AsyncSession = Depends(get_session)):
    api_key = new_api_key()
    tenant = Tenant(
        name=body.name,
        plan=body.plan,
        hourly_quota=body.hourly_quota,
        api_key_hash=await hash_for_storage(api_key),
        api_key_salt="v2",
    )
    session.add(tenant)
    await session.commit()
    return {"id": str(tenant.id), "api_key": api_key}


@router.get("/v1/account")
async def account(
    tenant: Tenant = Depends(require_tenant),
    session: AsyncSession = Depends(get_session),
    c: Container = Depends(container),
):
    cfg = await tenant_settings(session, tenant.id)
    cfg["quota_used_this_hour"] = await c.quota.used(tenant.id)
    return cfg


@router.put("/v1/account/webhook")
async def set_webhook(
    body: WebhookUpdate,
    tenant: Tenant = Depends(require_tenant),
    session: AsyncSession = Depends(get_session),
):
    row = await session.get(Tenant, tenant.id)
    if row is None:
        raise HTTPException(404, "tenant not found")
    row.webhook_url = str(body.url) if body.url else None
    await session.commit()
    _tenant_cache.invalidate(tenant.id)
    return {"webhook_url": row.webhook_url}
