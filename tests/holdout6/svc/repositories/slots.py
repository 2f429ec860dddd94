"""Slot queries."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Slot


class SlotRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, slot_id: int) -> Slot | None:
        return await self._session.get(Slot, slot_id)

    async def get_many(self, slot_ids: Sequence[int]) -> list[Slot]:
        if not slot_ids:
            return []
        result = await self._session.scalars(select(Slot).where(Slot.id.in_(slot_ids)))
        return list(result)

    async def open_slots(
        self, practitioner_id: int, day_start: datetime, day_end: datetime
    ) -> list[Slot]:
        stmt = (
            select(Slot)
            .where(Slot.practitioner_id == practitioner_id, Slot.starts_at >= day_start)
            .where(Slot.starts_at < day_end, Slot.status == "open")
            .order_by(Slot.starts_at)
        )
        return list(await self._session.scalars(stmt))

    async def open_slots_for_many(
        self, practitioner_ids: Sequence[int], day_start: datetime, day_end: datetime
    ) -> list[Slot]:
        stmt = (
            select(Slot)
            .where(Slot.practitioner_id.in_(practitioner_ids))
            .where(Slot.starts_at >= day_start, Slot.starts_at < day_end, Slot.status == "open")
            .order_by(Slot.practitioner_id, Slot.starts_at)
        )
        return list(await self._session.scalars(stmt))

    async def lock(self, slot_id: int) -> Slot | None:
        stmt = select(Slot).where(Slot.id == slot_id).with_for_update()
        return await self._session.scalar(stmt)

    async def set_status(self, slot_id: int, status: str) -> None:
        await self._session.execute(update(Slot).where(Slot.id == slot_id).values(status=status))
