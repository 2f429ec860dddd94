"""Account persistence through the SQLAlchemy session."""
from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from svc.db.models import Account, Lot
from svc.errors import NotFound


class AccountRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, account_id: int) -> Account:
        account = await self._session.get(Account, account_id)
        if account is None:
            raise NotFound(f"account {account_id}")
        return account

    async def by_email(self, email: str) -> Account | None:
        result = await self._session.execute(select(Account).where(Account.email == email))
        return result.scalar_one_or_none()

    async def by_display_name(self, name: str) -> Account | None:
        result = await self._session.execute(
            select(Account).where(func_lower(Account.display_name) == name.lower())
        )
        return result.scalar_one_or_none()

    async def many(self, ids: list[int]) -> dict[int, Account]:
        result = await self._session.execute(select(Account).where(Account.id.in_(ids)))
        return {a.id: a for a in result.scalars()}

    async def with_lots(self, account_id: int) -> Account:
        result = await self._session.execute(
            select(Account).options(selectinload(Account.lots)).where(Account.id == account_id)
        )
        return result.scalar_one()

    async def add(self, email: str, display_name: str, password_hash: str, role: str) -> Account:
        account = Account(
            email=email, display_name=display_name, password_hash=password_hash, role=role
        )
        self._session.add(account)
        await self._session.flush()
        return account

    async def credit(self, account_id: int, amount_cents: int) -> None:
        await self._session.execute(
            update(Account)
            .where(Account.id == account_id)
            .values(balance_cents=Account.balance_cents + amount_cents)
        )

    async def set_balance(self, account_id: int, balance_cents: int) -> None:
        await self._session.execute(
            update(Account).where(Account.id == account_id).values(balance_cents=balance_cents)
        )

    async def open_lot_count(self, seller_id: int) -> int:
        result = await self._session.execute(
            select(func.count())
            .select_from(Lot)
            .where(Lot.seller_id == seller_id, Lot.status == "open")
        )
        return int(result.scalar_one())
