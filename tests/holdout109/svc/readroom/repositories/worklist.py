from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from readroom.models import WorklistEntry


class WorklistRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def upsert(self, values: dict) -> None:
        stmt = insert(WorklistEntry).values(**values)
        stmt = stmt.on_conflict_do_update(
            index_elements=[WorklistEntry.order_id],
            set_={k: stmt.excluded[k] for k in values if k != "order_id"},
        )
        await self.session.execute(stmt)

    async def for_station(self, station_aet: str, start: datetime, end: datetime) -> list[WorklistEntry]:
        result = await self.session.execute(
            select(WorklistEntry)
            .where(
                WorklistEntry.station_aet == station_aet,
                WorklistEntry.scheduled_start >= start,
                WorklistEntry.scheduled_start < end,
            )
            .order_by(WorklistEntry.scheduled_start)
        )
        return list(result.scalars())

    async def remove_for_order(self, order_id: int) -> None:
        await self.session.execute(delete(WorklistEntry).where(WorklistEntry.order_id == order_id))

    async def set_status(self, accession: str, status: str) -> None:
        entries = await self.session.execute(select(WorklistEntry).where(WorklistEntry.accession_number == accession))
        for entry in entries.scalars():
            entry.status = status

    async def stations_for_day(self, start: datetime, end: datetime) -> list[tuple[str, int]]:
        result = await self.session.execute(
            select(WorklistEntry.station_aet, func.count(WorklistEntry.id))
            .where(WorklistEntry.scheduled_start >= start, WorklistEntry.scheduled_start < end)
            .group_by(WorklistEntry.station_aet)
            .order_by(WorklistEntry.station_aet)
        )
        return [(aet, n) for aet, n in result.all()]
