from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel

from ..services.tenants import TenantNotFound, all_tenants, feature_flags, public_settings, set_override
from ..utils.auth import Principal, require
from ..workers.scheduler import LAST_RUN

router = APIRouter(prefix="/admin", tags=["admin"])


class OverrideIn(BaseModel):
    key: str
    value: Any


@router.get("/tenants")
async def tenants(_: Principal = Depends(require("admin"))) -> list[str]:
    return all_tenants()


@router.get("/tenants/{tenant_id}")
async def tenant_detail(tenant_id: str, _: Principal = Depends(require("admin"))) -> dict:
    try:
        return {**public_settings(tenant_id), "flags": await feature_flags(tenant_id)}
    except TenantNotFound as exc:
        raise HTTPException(404, str(exc)) from exc


@router.post("/tenants/{tenant_id}/overrides")
async def override(tenant_id: str, payload: OverrideIn, _: Principal = Depends(require("admin"))) -> dict:
    try:
        set_override(tenant_id, payload.key, payload.value)
    except TenantNotFound as exc:
        raise HTTPException(404, str(exc)) from exc
    return public_settings(tenant_id)


@router.get("/workers")
async def workers(request: Request, _: Principal = Depends(require("admin"))) -> dict:
    tasks = request.app.state.background_tasks
    return {
        "tasks": {t.get_name(): ("done" if t.done() else "running") for t in tasks},
        "last_scheduled": {tenant_id: at.isoformat() for tenant_id, at in LAST_RUN.items()},
    }
