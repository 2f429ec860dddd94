"""Charges, built per database session by a factory the dispatcher is given."""
from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ledger.repo import AccountRepository


class Charger:
    def __init__(self, session: AsyncSession) -> None:
        self._accounts = AccountRepository(session)

    async def charge(self, account_id: int, amount: int) -> int:
        return await self._accounts.spend(account_id, amount)

    async def charge_locked(self, account_id: int, amount: int) -> int:
        return await self._accounts.spend_locked(account_id, amount)

    async def rename(self, account_id: int, owner: str) -> None:
        await self._accounts.rename(account_id, owner)


class Dispatcher:
    def __init__(self, sessions: async_sessionmaker[AsyncSession],
                 charger_factory: Callable[[AsyncSession], Charger]) -> None:
        self._sessions = sessions
        self._charger_factory = charger_factory

    async def on_usage(self, account_id: int, amount: int) -> None:
        async with self._sessions() as session, session.begin():
            await self._charger_factory(session).charge(account_id, amount)

    async def on_prepaid_usage(self, account_id: int, amount: int) -> None:
        async with self._sessions() as session, session.begin():
            await self._charger_factory(session).charge_locked(account_id, amount)

    async def on_rename(self, account_id: int, owner: str) -> None:
        async with self._sessions() as session, session.begin():
            await self._charger_factory(session).rename(account_id, owner)
