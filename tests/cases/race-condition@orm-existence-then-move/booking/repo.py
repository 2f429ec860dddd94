"""Repositories: reads and single-statement updates."""
from datetime import date

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from booking.models import Account, Inspection


class InspectionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, inspection_id: int) -> Inspection | None:
        return await self._session.get(Inspection, inspection_id)

    async def slot_taken(self, inspector_id: int, day: date, slot: int) -> bool:
        stmt = select(Inspection.id).where(Inspection.inspector_id == inspector_id,
                                           Inspection.scheduled_date == day, Inspection.slot == slot)
        return (await self._session.scalar(stmt)) is not None

    async def assign(self, inspection_id: int, inspector_id: int, day: date, slot: int) -> None:
        await self._session.execute(update(Inspection).where(Inspection.id == inspection_id)
                                    .values(inspector_id=inspector_id, scheduled_date=day, slot=slot))

    async def annotate(self, inspection_id: int, notes: str) -> None:
        await self._session.execute(update(Inspection).where(Inspection.id == inspection_id).values(notes=notes))


class AccountRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, account_id: int) -> Account:
        account = await self._session.get(Account, account_id)
        if account is None:
            raise LookupError(account_id)
        return account

    async def set_balance(self, account_id: int, balance_cents: int) -> None:
        await self._session.execute(update(Account).where(Account.id == account_id)
                                    .values(balance_cents=balance_cents))

    async def rename(self, account_id: int, nickname: str) -> None:
        await self._session.execute(update(Account).where(Account.id == account_id).values(nickname=nickname))
