from __future__ import annotations

import copy
from datetime import datetime
from typing import Optional
from uuid import UUID

from fastapi import APIRouter, Depends, Query, status
from pydantic import BaseModel, Field

from pulsewatch.api.deps import current_principal, get_monitor_service
from pulsewatch.services.auth import Principal
from pulsewatch.services.monitors import MonitorService

router = APIRouter(prefix="/v1/monitors", tags=["monitors"])


class MonitorIn(BaseModel):
    name: str = Field(min_length=1, max_length=120)
    kind: str
    target: str = Field(min_length=1, max_length=2048)
    interval_s: int = 60
    timeout_s: int = 10
    regions: Optional[list[str]] = None
    confirm_regions: int = 2
    expected_status: Optional[int] = None
    keyword: Optional[str] = Field(default=None, max_length=200)
    escalation_policy_id: Optional[UUID] = None
    team_id: Optional[UUID] = None


class MonitorPatch(BaseModel):
    name: Optional[str] = None
    target: Optional[str] = None
    interval_s: Optional[int] = None
    timeout_s: Optional[int] = None
    regions: Optional[list[str]] = None
    confirm_regions: Optional[int] = None
    expected_status: Optional[int] = None
    keyword: Optional[str] = None
    escalation_policy_id: Optional[UUID] = None
    enabled: Optional[bool] = None


@router.get("")
async def list_monitors(
    status_filter: Optional[str] = Query(default=None, alias="status"),
    principal: Principal = Depends(current_principal),
    service: MonitorService = Depends(get_monitor_service),
) -> list[dict]:
    monitors = copy.deepcopy(await service.list_for_user(principal))
    if status_filter:
        monitors = [m for m in monitors if m.get("status") == status_filter]
    return sorted(monitors, key=lambda m: (m.get("status") != "down", m["name"].lower()))


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_monitor(
    body: MonitorIn,
    principal: Principal = Depends(current_principal),
    service: MonitorService = Depends(get_monitor_service),
) -> dict:
    return await service.create(principal, body.model_dump(exclude_none=True))


@router.get("/{monitor_id}")
async def get_monitor(
    monitor_id: UUID, principal: Principal = Depends(current_principal), service: MonitorService = Depends(get_monitor_service)
) -> dict:
    return await service.overview(principal, monitor_id)


@router.patch("/{monitor_id}")
async def update_monitor(
    monitor_id: UUID,
    body: MonitorPatch,
    principal: Principal = Depends(current_principal),
    service: MonitorService = Depends(get_monitor_service),
) -> dict:
    return await service.update(principal, monitor_id, body.model_dump(exclude_unset=True))


@router.delete("/{monitor_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_monitor(
    monitor_id: UUID, principal: Principal = Depends(current_principal), service: MonitorService = Depends(get_monitor_service)
) -> None:
    await service.delete(principal, monitor_id)


@router.get("/{monitor_id}/checks")
async def check_history(
    monitor_id: UUID,
    page: int = Query(default=0, ge=0),
    per_page: int = Query(default=100, ge=1, le=500),
    principal: Principal = Depends(current_principal),
    service: MonitorService = Depends(get_monitor_service),
) -> list[dict]:
    return await service.history(principal, monitor_id, page, per_page)


@router.get("/{monitor_id}/checks/before")
async def check_history_before(
    monitor_id: UUID,
    before: Optional[datetime] = None,
    limit: int = Query(default=100, ge=1, le=500),
    principal: Principal = Depends(current_principal),
    service: MonitorService = Depends(get_monitor_service),
) -> list[dict]:
    return await service.history_before(principal, monitor_id, before, limit)
