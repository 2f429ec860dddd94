from __future__ import annotations

from sqlalchemy import func, select

from fleetwise.db.models import Vessel
from fleetwise.repositories.base import BaseRepository


class VesselRepository(BaseRepository[Vessel]):
    model = Vessel

    async def get_by_imo(self, imo: str) -> Vessel | None:
        result = await self.session.execute(select(Vessel).where(Vessel.imo == imo))
        return result.scalar_one_or_none()

    async def get_by_mmsi(self, mmsi: str) -> Vessel | None:
        result = await self.session.execute(select(Vessel).where(Vessel.mmsi == mmsi))
        return result.scalar_one_or_none()

    async def active(self) -> list[Vessel]:
        result = await self.session.execute(select(Vessel).where(Vessel.active.is_(True)).order_by(Vessel.id))
        return list(result.scalars())

    async def search(self, text: str, limit: int = 25) -> list[Vessel]:
        stmt = (
            select(Vessel)
            .where(func.lower(Vessel.name).like(f"%{text.lower()}%"))
            .order_by(Vessel.name)
            .limit(limit)
        )
        result = await self.session.execute(stmt)
        return list(result.scalars())

    async def by_name_prefix(self, prefix: str, limit: int = 25) -> list[Vessel]:
        stmt = (
            select(Vessel)
            .where(func.lower(Vessel.name).like(f"{prefix.lower()}%"))
            .order_by(func.lower(Vessel.name))
            .limit(limit)
        )
        result = await self.session.execute(stmt)
        return list(result.scalars())
