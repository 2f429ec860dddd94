from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import RefillSchedule


class RefillRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def due(self, on: dt.date, limit: int) -> list[RefillSchedule]:
        stmt = (
            select(RefillSchedule)
            .where(RefillSchedule.active.is_(True), RefillSchedule.next_due_on <= on)
            .order_by(RefillSchedule.next_due_on)
            .limit(limit)
        )
        return list(await self.session.scalars(stmt))

    async def mark_reminded(self, ids: list[int], at: dt.datetime) -> None:
        await self.session.execute(update(RefillSchedule).where(RefillSchedule.id.in_(ids)).values(last_reminded_at=at))

    async def for_prescription(self, rx_id: int) -> RefillSchedule | None:
        return await self.session.scalar(select(RefillSchedule).where(RefillSchedule.prescription_id == rx_id))
