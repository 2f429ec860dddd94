from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Deposit


class DepositRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get_for_booking(self, booking_id: int) -> Deposit | None:
        return (await self.session.scalars(select(Deposit).where(Deposit.booking_id == booking_id))).first()

    async def get_for_bookings(self, booking_ids: list[int]) -> dict[int, Deposit]:
        if not booking_ids:
            return {}
        rows = await self.session.scalars(select(Deposit).where(Deposit.booking_id.in_(booking_ids)))
        return {d.booking_id: d for d in rows}

    async def get_by_intent(self, intent_id: str) -> Deposit | None:
        return (await self.session.scalars(select(Deposit).where(Deposit.provider_intent_id == intent_id))).first()

    async def lock_for_booking(self, booking_id: int) -> Deposit | None:
        stmt = select(Deposit).where(Deposit.booking_id == booking_id).with_for_update()
        return (await self.session.scalars(stmt)).first()

    async def add(self, deposit: Deposit) -> Deposit:
        self.session.add(deposit)
        await self.session.flush()
        return deposit

    async def set_status(self, deposit_id: int, status: str) -> None:
        await self.session.execute(update(Deposit).where(Deposit.id == deposit_id).values(status=status))
