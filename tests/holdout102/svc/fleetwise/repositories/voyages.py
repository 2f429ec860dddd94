from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from fleetwise.db.models import Voyage, Waypoint
from fleetwise.repositories.base import BaseRepository


class VoyageRepository(BaseRepository[Voyage]):
    model = Voyage

    async def for_vessel(self, vessel_id: int, statuses: tuple[str, ...] = ("planned", "underway")) -> list[Voyage]:
        stmt = (
            select(Voyage)
            .where(Voyage.vessel_id == vessel_id, Voyage.status.in_(statuses))
            .order_by(Voyage.etd)
        )
        result = await self.session.execute(stmt)
        return list(result.scalars())

    async def for_vessel_with_route(self, vessel_id: int) -> list[Voyage]:
        stmt = (
            select(Voyage)
            .options(selectinload(Voyage.waypoints))
            .where(Voyage.vessel_id == vessel_id)
            .order_by(Voyage.etd)
        )
        result = await self.session.execute(stmt)
        return list(result.scalars())

    async def waypoints(self, voyage_id: int) -> list[Waypoint]:
        result = await self.session.execute(
            select(Waypoint).where(Waypoint.voyage_id == voyage_id).order_by(Waypoint.seq)
        )
        return list(result.scalars())

    async def underway(self) -> list[Voyage]:
        result = await self.session.execute(select(Voyage).where(Voyage.status == "underway"))
        return list(result.scalars())

    async def max_voyage_no(self, vessel_id: int) -> int | None:
        result = await self.session.execute(
            select(func.max(Voyage.voyage_no)).where(Voyage.vessel_id == vessel_id)
        )
        return result.scalar_one()

    async def lock(self, voyage_id: int) -> Voyage | None:
        result = await self.session.execute(
            select(Voyage).where(Voyage.id == voyage_id).with_for_update()
        )
        return result.scalar_one_or_none()

    async def replace_waypoints(self, voyage: Voyage, points: list[tuple[float, float]]) -> None:
        voyage.waypoints = [Waypoint(seq=i, lat=lat, lon=lon) for i, (lat, lon) in enumerate(points)]
        await self.session.flush()
