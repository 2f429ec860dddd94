"""Slot queries and state changes."""
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from clinic.models import Slot


class SlotRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, slot_id: int) -> Slot | None:
        return await self._session.get(Slot, slot_id)

    async def lock(self, slot_id: int) -> Slot | None:
        return await self._session.scalar(select(Slot).where(Slot.id == slot_id).with_for_update())

    async def set_status(self, slot_id: int, status: str) -> None:
        await self._session.execute(update(Slot).where(Slot.id == slot_id).values(status=status))

    async def take_if_open(self, slot_id: int) -> bool:
        result = await self._session.execute(
            update(Slot).where(Slot.id == slot_id, Slot.status == "open").values(status="booked")
        )
        return result.rowcount == 1
