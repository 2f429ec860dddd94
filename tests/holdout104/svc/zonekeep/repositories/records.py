from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from zonekeep.models import Record


class RecordRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, record_id: int) -> Record | None:
        return await self._session.get(Record, record_id)

    async def list_for_zone(self, zone_id: int) -> list[Record]:
        stmt = select(Record).where(Record.zone_id == zone_id).order_by(Record.name, Record.rtype)
        return list((await self._session.execute(stmt)).scalars())

    async def list_for_name(self, zone_id: int, name: str, rtype: str | None = None) -> list[Record]:
        stmt = select(Record).where(Record.zone_id == zone_id, Record.name == name)
        if rtype is not None:
            stmt = stmt.where(Record.rtype == rtype)
        return list((await self._session.execute(stmt)).scalars())

    async def count_for_zone(self, zone_id: int) -> int:
        rows = await self._session.execute(select(Record).where(Record.zone_id == zone_id))
        return len(rows.scalars().all())

    async def count_by_type(self, zone_id: int) -> dict[str, int]:
        stmt = (
            select(Record.rtype, func.count())
            .select_from(Record)
            .where(Record.zone_id == zone_id)
            .group_by(Record.rtype)
        )
        return {rtype: n for rtype, n in (await self._session.execute(stmt)).all()}

    async def add(self, record: Record) -> Record:
        self._session.add(record)
        await self._session.flush()
        return record

    async def add_all(self, records: list[Record]) -> None:
        self._session.add_all(records)
        await self._session.flush()

    async def delete(self, zone_id: int, record_id: int) -> bool:
        result = await self._session.execute(
            delete(Record).where(Record.id == record_id, Record.zone_id == zone_id)
        )
        return result.rowcount == 1
