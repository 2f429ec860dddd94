from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Adjuster


class AdjusterRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, adjuster_id: int) -> Adjuster | None:
        return await self._session.get(Adjuster, adjuster_id)

    async def get_many(self, ids: set[int]) -> dict[int, Adjuster]:
        if not ids:
            return {}
        rows = await self._session.execute(select(Adjuster).where(Adjuster.id.in_(ids)))
        return {a.id: a for a in rows.scalars()}

    async def active_in_region(self, region: str) -> list[Adjuster]:
        rows = await self._session.execute(
            select(Adjuster).where(Adjuster.region == region, Adjuster.active.is_(True)).order_by(Adjuster.id)
        )
        return list(rows.scalars())

    async def supervisor_of(self, adjuster_id: int) -> Adjuster | None:
        adjuster = await self.get(adjuster_id)
        if adjuster is None or adjuster.supervisor_id is None:
            return None
        return await self.get(adjuster.supervisor_id)

    async def reserve_slot(self, adjuster_id: int) -> bool:
        result = await self._session.execute(
            update(Adjuster)
            .where(Adjuster.id == adjuster_id, Adjuster.open_claims < Adjuster.capacity)
            .values(open_claims=Adjuster.open_claims + 1)
        )
        return result.rowcount == 1

    async def release_slot(self, adjuster_id: int) -> None:
        await self._session.execute(
            update(Adjuster)
            .where(Adjuster.id == adjuster_id, Adjuster.open_claims > 0)
            .values(open_claims=Adjuster.open_claims - 1)
        )
