from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from ..container import Container
from ..deps import current_operator, get_container, require_role
from ..security import Claims
from ..utils.timeutil import utcnow

router = APIRouter(prefix="/doors", tags=["doors"])


class UnlockBody(BaseModel):
    duration_s: int = Field(5, ge=1, le=60)


@router.post("/{door_id}/unlock", status_code=202)
async def unlock(
    door_id: int,
    body: UnlockBody,
    claims: Claims = Depends(require_role("operator")),
    container: Container = Depends(get_container),
) -> dict:
    await container.doors.unlock(door_id, actor=claims.subject, duration_s=body.duration_s)
    return {"door_id": door_id, "status": "sent"}


@router.post("/buildings/{building_id}/lockdown", status_code=202)
async def lockdown(
    building_id: int,
    claims: Claims = Depends(require_role("security")),
    container: Container = Depends(get_container),
) -> dict:
    count = await container.doors.lockdown_building(building_id, actor=claims.subject)
    return {"building_id": building_id, "doors": count}


@router.post("/buildings/{building_id}/release", status_code=202)
async def release(
    building_id: int,
    claims: Claims = Depends(require_role("security")),
    container: Container = Depends(get_container),
) -> dict:
    count = await container.doors.release_lockdown(building_id, actor=claims.subject)
    return {"building_id": building_id, "doors": count}


@router.get("/{door_id}/status", dependencies=[Depends(current_operator)])
async def status(door_id: int, container: Container = Depends(get_container)) -> dict:
    return await container.doors.door_status(door_id)


@router.get("/{door_id}/events", dependencies=[Depends(current_operator)])
async def door_events(
    door_id: int,
    hours: int = Query(24, ge=1, le=168),
    limit: int = Query(200, ge=1, le=1000),
    container: Container = Depends(get_container),
) -> list[dict]:
    rows = await container.events.for_door(door_id, utcnow() - timedelta(hours=hours), limit)
    return [dict(r) for r in rows]
