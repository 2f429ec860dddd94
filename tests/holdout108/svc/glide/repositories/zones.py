from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from glide.models import Zone, ZoneKind


class ZoneRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def get(self, zone_id: int) -> Zone | None:
        return await self._s.get(Zone, zone_id)

    async def list_active(self, city_id: int, kinds: Sequence[ZoneKind] | None = None) -> Sequence[Zone]:
        stmt = select(Zone).where(Zone.city_id == city_id, Zone.active.is_(True))
        if kinds:
            stmt = stmt.where(Zone.kind.in_(kinds))
        return (await self._s.execute(stmt.order_by(Zone.id))).scalars().all()

    async def by_ids(self, zone_ids: Sequence[int]) -> dict[int, Zone]:
        if not zone_ids:
            return {}
        result = await self._s.execute(select(Zone).where(Zone.id.in_(set(zone_ids))))
        return {z.id: z for z in result.scalars()}

    async def per_minute_rate(self, zone_id: int) -> int:
        result = await self._s.execute(select(Zone.per_minute_cents).where(Zone.id == zone_id))
        rate = result.scalar_one_or_none()
        return int(rate) if rate is not None else 25

    async def deactivate(self, zone_id: int) -> bool:
        result = await self._s.execute(
            update(Zone).where(Zone.id == zone_id, Zone.active.is_(True)).values(active=False).returning(Zone.id)
        )
        return result.scalar_one_or_none() is not None

    async def upsert(self, zone: Zone) -> Zone:
        merged = await self._s.merge(zone)
        await self._s.flush()
        return merged
