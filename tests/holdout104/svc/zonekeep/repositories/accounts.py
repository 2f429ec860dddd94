from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from zonekeep.models import Account


class AccountRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, account_id: int) -> Account | None:
        return await self._session.get(Account, account_id)

    async def get_many(self, ids: list[int]) -> dict[int, Account]:
        if not ids:
            return {}
        rows = await self._session.execute(select(Account).where(Account.id.in_(ids)))
        return {a.id: a for a in rows.scalars()}

    async def get_by_email(self, email: str) -> Account | None:
        stmt = select(Account).where(func.lower(Account.email) == email.lower())
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def get_for_update(self, account_id: int) -> Account | None:
        stmt = select(Account).where(Account.id == account_id).with_for_update()
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def create(self, email: str, password_hash: str, display_name: str) -> Account:
        account = Account(email=email, password_hash=password_hash, display_name=display_name)
        self._session.add(account)
        await self._session.flush()
        return account

    async def debit(self, account_id: int, amount: Decimal) -> bool:
        stmt = (
            update(Account)
            .where(Account.id == account_id, Account.balance >= amount)
            .values(balance=Account.balance - amount)
        )
        result = await self._session.execute(stmt)
        return result.rowcount == 1

    async def credit(self, account_id: int, amount: Decimal) -> None:
        await self._session.execute(
            update(Account).where(Account.id == account_id).values(balance=Account.balance + amount)
        )
