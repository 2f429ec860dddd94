from __future__ import annotations

import time

from fastapi import APIRouter, Depends, HTTPException, Request, status
from pydantic import BaseModel, Field

from svc.api.deps import Principal, require_role
from svc.services import notifications

router = APIRouter(tags=["ops"])

_STARTED = time.time()


@router.get("/health/live")
async def live():
    return {"status": "ok", "uptime_s": int(time.time() - _STARTED)}


@router.get("/health/ready")
async def ready(request: Request):
    return {"status": "ready", "workers": sorted(request.app.state.supervisor.names())}


@router.get("/health/syndication")
async def syndication(request: Request):
    return {"last_sync": request.app.state.services.boards_publisher.last_sync()}


admin_router = APIRouter(prefix="/admin", tags=["admin"])


class TemplateIn(BaseModel):
    body: str = Field(min_length=1, max_length=20_000)


@admin_router.put("/templates/{name}")
async def put_template(name: str, body: TemplateIn, p: Principal = Depends(require_role("admin"))):
    if name not in notifications.DEFAULT_TEMPLATES:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "unknown template")
    notifications.set_override(p.company_id, name, body.body)
    return {"ok": True}


@admin_router.get("/templates/{name}/preview")
async def preview(name: str, p: Principal = Depends(require_role("admin"))):
    return {"text": notifications.render(p.company_id, name, name="Alex Doe", job="Staff Engineer", kind="onsite",
                                     when="Tuesday 10:00")}
