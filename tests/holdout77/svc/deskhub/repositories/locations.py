from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import Door, Location, Space

SPACE_KINDS = ("desk", "room", "office")


class LocationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, location_id: int) -> Location | None:
        return await self._session.get(Location, location_id)

    async def slugs_starting_with(self, prefix: str, limit: int = 10) -> list[str]:
        stmt = (
            select(Location.slug)
            .where(Location.slug.startswith(prefix, autoescape=True))
            .order_by(Location.slug)
            .limit(limit)
        )
        return list((await self._session.execute(stmt)).scalars())

    async def list_active(self) -> list[Location]:
        result = await self._session.execute(select(Location).where(Location.active.is_(True)).order_by(Location.name))
        return list(result.scalars())

    async def get_space(self, space_id: int) -> Space | None:
        return await self._session.get(Space, space_id)

    async def spaces_for_location(self, location_id: int, kind: str | None = None) -> list[Space]:
        stmt = select(Space).where(Space.location_id == location_id, Space.active.is_(True))
        if kind is not None:
            stmt = stmt.where(Space.kind == kind)
        result = await self._session.execute(stmt.order_by(Space.floor, Space.name))
        return list(result.scalars())

    async def spaces_by_ids(self, ids: Iterable[int]) -> dict[int, Space]:
        wanted = set(ids)
        if not wanted:
            return {}
        result = await self._session.execute(select(Space).where(Space.id.in_(wanted)))
        return {space.id: space for space in result.scalars()}

    async def kind_counts(self, location_id: int) -> dict[str, int]:
        counts: dict[str, int] = {}
        for kind in SPACE_KINDS:
            stmt = select(func.count()).select_from(Space).where(Space.location_id == location_id, Space.kind == kind)
            counts[kind] = (await self._session.execute(stmt)).scalar_one()
        return counts

    async def doors_by_ids(self, ids: Iterable[int]) -> dict[int, Door]:
        wanted = set(ids)
        if not wanted:
            return {}
        result = await self._session.execute(select(Door).where(Door.id.in_(wanted)))
        return {door.id: door for door in result.scalars()}

    async def get_door(self, door_id: int) -> Door | None:
        return await self._session.get(Door, door_id)
