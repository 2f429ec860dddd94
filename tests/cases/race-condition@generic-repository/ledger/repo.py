"""A generic repository: subclasses name their mapped class in `model`."""
from typing import Any, Generic, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from ledger.models import Account, Base

T = TypeVar("T", bound=Base)


class Repository(Generic[T]):
    model: type[T]

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def fetch(self, pk: Any) -> T | None:
        return await self._session.get(self.model, pk)


class AccountRepository(Repository[Account]):
    model = Account

    async def load(self, account_id: int) -> Account:
        account = await self.fetch(account_id)
        if account is None:
            raise LookupError(account_id)
        return account

    async def spend(self, account_id: int, amount: int) -> int:
        account = await self.load(account_id)
        if account.credit < amount:  # expect: race-condition
            raise ValueError("not enough credit")
        account.credit = account.credit - amount
        await self._session.flush()
        return account.credit

    async def spend_locked(self, account_id: int, amount: int) -> int:
        account = await self._session.get(Account, account_id, with_for_update=True)
        if account is None:
            raise LookupError(account_id)
        if account.credit < amount:
            raise ValueError("not enough credit")
        account.credit = account.credit - amount
        await self._session.flush()
        return account.credit

    async def rename(self, account_id: int, owner: str) -> None:
        account = await self.load(account_id)
        if account.credit < 0:
            raise ValueError("account in debt")
        account.owner = owner
        await self._session.flush()
