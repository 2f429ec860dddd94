from __future__ import annotations

from fastapi import APIRouter, Depends
from sqlalchemy.ext.asyncio import AsyncSession

from ..container import Container
from ..deps import current_operator, get_container, get_session
from ..repositories.sites import count_doors, door_counts_by_building, list_buildings, list_sites

router = APIRouter(prefix="/sites", tags=["sites"], dependencies=[Depends(current_operator)])


@router.get("")
async def sites(container: Container = Depends(get_container), session: AsyncSession = Depends(get_session)) -> list[dict]:
    cached = await container.cache.get("sites:all")
    if cached is not None:
        return cached
    data = [{"id": s.id, "code": s.code, "name": s.name, "timezone": s.timezone} for s in await list_sites(session)]
    await container.cache.set("sites:all", data, ttl=300)
    return data


@router.get("/{site_id}/buildings")
async def buildings(site_id: int, session: AsyncSession = Depends(get_session)) -> list[dict]:
    result = []
    for building in await list_buildings(session, site_id):
        result.append({"id": building.id, "name": building.name, "doors": await count_doors(session, building.id)})
    return result


@router.get("/{site_id}/summary")
async def summary(site_id: int, session: AsyncSession = Depends(get_session)) -> dict:
    buildings = await list_buildings(session, site_id)
    counts = await door_counts_by_building(session, site_id)
    return {
        "site_id": site_id,
        "buildings": [
            {"id": b.id, "name": b.name, "doors": counts.get(b.id, 0), "max_occupancy": b.max_occupancy}
            for b in buildings
        ],
    }
