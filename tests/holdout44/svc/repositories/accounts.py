from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Account, PriceSnapshot


class AccountRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, account_id: int) -> Account | None:
        return await self.session.get(Account, account_id)

    async def for_customer(self, customer_id: int) -> list[Account]:
        stmt = select(Account).where(Account.customer_id == customer_id, Account.kind == "customer")
        return list((await self.session.execute(stmt)).scalars())

    async def customer_account(self, customer_id: int, asset: str) -> Account:
        stmt = (
            insert(Account)
            .values(customer_id=customer_id, asset=asset, kind="customer", balance=Decimal(0), held=Decimal(0))
            .on_conflict_do_nothing(constraint="uq_account_customer_asset_kind")
        )
        await self.session.execute(stmt)
        found = await self.session.execute(
            select(Account).where(
                Account.customer_id == customer_id, Account.asset == asset, Account.kind == "customer"
            )
        )
        return found.scalar_one()

    async def system_account(self, asset: str, kind: str) -> Account:
        stmt = select(Account).where(Account.customer_id.is_(None), Account.asset == asset, Account.kind == kind)
        return (await self.session.execute(stmt)).scalar_one()

    async def all_customer_ids(self) -> list[int]:
        stmt = select(Account.customer_id).where(Account.kind == "customer").distinct()
        return [cid for cid in (await self.session.execute(stmt)).scalars() if cid is not None]


class PriceRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def record(self, asset: str, price: Decimal, source: str) -> None:
        self.session.add(PriceSnapshot(asset=asset, price=price, source=source))

    async def latest(self, asset: str) -> PriceSnapshot | None:
        stmt = (
            select(PriceSnapshot)
            .where(PriceSnapshot.asset == asset)
            .order_by(PriceSnapshot.taken_at.desc())
            .limit(1)
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()
