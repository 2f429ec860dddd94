from __future__ import annotations

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from zonekeep.models import Zone


class ZoneRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, zone_id: int) -> Zone | None:
        return await self._session.get(Zone, zone_id)

    async def get_many(self, ids: list[int]) -> dict[int, Zone]:
        if not ids:
            return {}
        rows = await self._session.execute(select(Zone).where(Zone.id.in_(ids)))
        return {z.id: z for z in rows.scalars()}

    async def get_by_domain(self, domain_id: int) -> Zone | None:
        stmt = select(Zone).where(Zone.domain_id == domain_id)
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def get_by_name(self, name: str) -> Zone | None:
        stmt = select(Zone).where(Zone.name == name)
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def list_for_account(self, account_id: int) -> list[Zone]:
        stmt = select(Zone).where(Zone.account_id == account_id).order_by(Zone.name)
        return list((await self._session.execute(stmt)).scalars())

    async def increment_serial(self, zone_id: int) -> int:
        row = await self._session.execute(
            text("UPDATE zones SET serial = serial + 1 WHERE id = :id RETURNING serial"),
            {"id": zone_id},
        )
        return int(row.scalar_one())

    async def set_pushed_serial(self, zone_id: int, serial: int) -> None:
        await self._session.execute(
            text("UPDATE zones SET pushed_serial = GREATEST(pushed_serial, :s) WHERE id = :id"),
            {"id": zone_id, "s": serial},
        )

    async def add(self, zone: Zone) -> Zone:
        self._session.add(zone)
        await self._session.flush()
        return zone
