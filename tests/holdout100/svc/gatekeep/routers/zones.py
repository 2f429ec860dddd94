from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from ..container import Container
from ..deps import current_operator, get_container, get_session
from ..repositories.sites import get_zone, zones_for_building

router = APIRouter(prefix="/zones", tags=["zones"], dependencies=[Depends(current_operator)])


class TransitBody(BaseModel):
    credential_id: int
    direction: str = Field(pattern="^(in|out)$")


class MoveBody(BaseModel):
    credential_id: int
    to_zone: int


@router.post("/{zone_id}/transit")
async def transit(
    zone_id: int,
    body: TransitBody,
    session: AsyncSession = Depends(get_session),
    container: Container = Depends(get_container),
) -> dict:
    zone = await get_zone(session, zone_id)
    if zone is None:
        raise HTTPException(404, "zone not found")
    await container.antipassback.evaluate(zone, body.credential_id, body.direction)
    if body.direction == "in":
        count = await container.occupancy.admit(zone)
    else:
        count = await container.occupancy.leave(zone.id)
    return {"zone_id": zone_id, "occupancy": count}


@router.post("/{zone_id}/move")
async def move(zone_id: int, body: MoveBody, container: Container = Depends(get_container)) -> dict:
    await container.occupancy.move(body.credential_id, zone_id, body.to_zone)
    return {"credential_id": body.credential_id, "zone_id": body.to_zone}


@router.get("/buildings/{building_id}/occupancy")
async def building_occupancy(
    building_id: int,
    session: AsyncSession = Depends(get_session),
    container: Container = Depends(get_container),
) -> list[dict]:
    zones = await zones_for_building(session, building_id)
    counts = await container.occupancy.current([z.id for z in zones])
    return [{"zone_id": z.id, "name": z.name, "occupancy": counts[z.id], "limit": z.max_occupancy} for z in zones]
