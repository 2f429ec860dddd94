"""Scheduling and wallet services."""
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from booking.repo import AccountRepository, InspectionRepository


class SchedulingService:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._repo = InspectionRepository(session)

    async def reschedule(self, inspection_id: int, inspector_id: int, day: date, slot: int) -> None:
        if await self._repo.slot_taken(inspector_id, day, slot):  # expect: race-condition
            raise ValueError("slot already taken")
        await self._repo.assign(inspection_id, inspector_id, day, slot)
        await self._session.commit()

    async def annotate_free(self, inspection_id: int, inspector_id: int, day: date, slot: int) -> None:
        """The check decides only whether to annotate: the UPDATE does not take the slot."""
        if await self._repo.slot_taken(inspector_id, day, slot):
            return
        await self._repo.annotate(inspection_id, "slot still free")
        await self._session.commit()


class WalletService:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._accounts = AccountRepository(session)

    async def withdraw(self, account_id: int, amount_cents: int) -> None:
        account = await self._accounts.get(account_id)
        if account.balance_cents < amount_cents:  # expect: race-condition
            raise ValueError("insufficient funds")
        await self._accounts.set_balance(account_id, account.balance_cents - amount_cents)
        await self._session.commit()

    async def rename_if_funded(self, account_id: int, nickname: str) -> None:
        """The UPDATE writes another column than the one compared."""
        account = await self._accounts.get(account_id)
        if account.balance_cents < 100:
            raise ValueError("fund the account first")
        await self._accounts.rename(account_id, nickname)
        await self._session.commit()
