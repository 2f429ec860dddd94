from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any, Optional
from uuid import UUID

import asyncpg
from fastapi import APIRouter, Depends, File, Request, UploadFile, status
from fastapi.responses import Response
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from pulsewatch.api.deps import (
    current_principal,
    get_maintenance_service,
    get_pool,
    get_session,
    get_status_page_service,
    require_admin,
)
from pulsewatch.clients import storage
from pulsewatch.errors import NotFound
from pulsewatch.repositories.maintenance import MaintenanceRepository
from pulsewatch.repositories.status_pages import StatusPageRepository
from pulsewatch.services.auth import Principal
from pulsewatch.services.maintenance import MaintenanceService, window_to_dict
from pulsewatch.services.status_pages import StatusPageService

router = APIRouter(prefix="/v1/status-pages", tags=["status-pages"])
maintenance_router = APIRouter(prefix="/v1/maintenance", tags=["maintenance"])


class PageIn(BaseModel):
    slug: str = Field(pattern=r"^[a-z0-9-]{3,60}$")
    title: str = Field(min_length=1, max_length=120)
    theme: Optional[dict[str, Any]] = None


class ComponentIn(BaseModel):
    monitor_id: UUID
    display_name: str = Field(min_length=1, max_length=120)


class DomainIn(BaseModel):
    domain: str = Field(min_length=4, max_length=253)


@router.get("")
async def list_pages(principal: Principal = Depends(current_principal), session: AsyncSession = Depends(get_session)) -> list[dict]:
    pages = await StatusPageRepository(session).list_for_org(principal.org_id)
    return [
        {
            "id": str(p.id),
            "slug": p.slug,
            "title": p.title,
            "custom_domain": p.custom_domain,
            "components": [{"monitor_id": str(c.monitor_id), "name": c.display_name} for c in p.components],
        }
        for p in pages
    ]


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_page(
    body: PageIn, principal: Principal = Depends(require_admin), service: StatusPageService = Depends(get_status_page_service)
) -> dict:
    page = await service.create(principal.org_id, body.slug, body.title, body.theme)
    return {"id": str(page.id), "slug": page.slug}


@router.put("/{page_id}/components", status_code=status.HTTP_204_NO_CONTENT)
async def set_components(
    page_id: UUID,
    body: list[ComponentIn],
    principal: Principal = Depends(require_admin),
    service: StatusPageService = Depends(get_status_page_service),
) -> None:
    await service.set_components(principal.org_id, page_id, [c.model_dump() for c in body])


@router.put("/{page_id}/domain", status_code=status.HTTP_204_NO_CONTENT)
async def claim_domain(
    page_id: UUID,
    body: DomainIn,
    principal: Principal = Depends(require_admin),
    service: StatusPageService = Depends(get_status_page_service),
) -> None:
    await service.claim_custom_domain(principal.org_id, page_id, body.domain)


@router.post("/{page_id}/logo")
async def upload_logo(
    page_id: UUID,
    request: Request,
    file: UploadFile = File(...),
    principal: Principal = Depends(require_admin),
    session: AsyncSession = Depends(get_session),
    service: StatusPageService = Depends(get_status_page_service),
) -> dict:
    await service.get_page(principal.org_id, page_id)
    data = await file.read()
    urls = await request.app.state.branding.process_logo(principal.org_id, page_id, data)
    await StatusPageRepository(session).set_logo(page_id, urls["logo_url"])
    await session.commit()
    return urls


@router.get("/assets/{org_id}/{name}")
def serve_asset(org_id: UUID, name: str, request: Request) -> Response:
    path: Path = storage.asset_path(request.app.state.settings.asset_dir, str(org_id), name)
    if not path.is_file():
        raise NotFound("asset not found")
    media = "image/x-icon" if name.endswith(".ico") else "image/png"
    return Response(content=path.read_bytes(), media_type=media, headers={"Cache-Control": "public, max-age=86400"})


class WindowIn(BaseModel):
    title: str = Field(min_length=1, max_length=200)
    page_id: Optional[UUID] = None
    monitor_ids: list[UUID] = Field(default_factory=list, max_length=500)
    starts_at: datetime
    ends_at: datetime


@maintenance_router.get("")
async def list_windows(principal: Principal = Depends(current_principal), pool: asyncpg.Pool = Depends(get_pool)) -> list[dict]:
    rows = await MaintenanceRepository(pool).list_for_org(principal.org_id)
    return [window_to_dict(r) for r in rows]


@maintenance_router.post("", status_code=status.HTTP_201_CREATED)
async def schedule_window(
    body: WindowIn,
    principal: Principal = Depends(require_admin),
    service: MaintenanceService = Depends(get_maintenance_service),
) -> dict:
    return await service.schedule(principal.org_id, body.page_id, body.title, body.monitor_ids, body.starts_at, body.ends_at)
