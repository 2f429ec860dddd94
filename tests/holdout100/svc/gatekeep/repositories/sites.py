from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import Building, Door, Site, Zone


async def list_sites(session: AsyncSession) -> list[Site]:
    result = await session.execute(select(Site).order_by(Site.code))
    return list(result.scalars())


async def get_site(session: AsyncSession, site_id: int) -> Site | None:
    return await session.get(Site, site_id)


async def list_buildings(session: AsyncSession, site_id: int) -> list[Building]:
    result = await session.execute(select(Building).where(Building.site_id == site_id).order_by(Building.name))
    return list(result.scalars())


async def building_sites(session: AsyncSession) -> dict[int, int]:
    result = await session.execute(select(Building.id, Building.site_id))
    return {building_id: site_id for building_id, site_id in result.all()}


async def count_doors(session: AsyncSession, building_id: int) -> int:
    result = await session.execute(select(func.count(Door.id)).where(Door.building_id == building_id))
    return int(result.scalar_one())


async def door_counts_by_building(session: AsyncSession, site_id: int) -> dict[int, int]:
    stmt = (
        select(Door.building_id, func.count(Door.id))
        .join(Building, Building.id == Door.building_id)
        .where(Building.site_id == site_id)
        .group_by(Door.building_id)
    )
    result = await session.execute(stmt)
    return {building_id: count for building_id, count in result.all()}


async def get_zone(session: AsyncSession, zone_id: int) -> Zone | None:
    return await session.get(Zone, zone_id)


async def zones_for_building(session: AsyncSession, building_id: int) -> list[Zone]:
    result = await session.execute(select(Zone).where(Zone.building_id == building_id).order_by(Zone.name))
    return list(result.scalars())


async def zones_by_ids(session: AsyncSession, ids: list[int]) -> dict[int, Zone]:
    if not ids:
        return {}
    result = await session.execute(select(Zone).where(Zone.id.in_(ids)))
    return {z.id: z for z in result.scalars()}
