from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from ..models import Account, Customer, Meter, Premise


class AccountRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, account_id: int) -> Account | None:
        return await self.session.get(Account, account_id)

    async def get_for_update(self, account_id: int) -> Account | None:
        stmt = select(Account).where(Account.id == account_id).with_for_update()
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def get_many(self, ids: Sequence[int]) -> dict[int, Account]:
        if not ids:
            return {}
        rows = await self.session.scalars(select(Account).where(Account.id.in_(ids)))
        return {a.id: a for a in rows}

    async def for_customer(self, customer_id: int) -> list[Account]:
        stmt = (
            select(Account)
            .where(Account.customer_id == customer_id)
            .options(selectinload(Account.meters))
            .order_by(Account.id)
        )
        return list(await self.session.scalars(stmt))

    async def billable_page(self, billing_day: int, after_id: int, limit: int = 500) -> list[Account]:
        stmt = (
            select(Account)
            .where(Account.active.is_(True), Account.billing_day == billing_day, Account.id > after_id)
            .options(selectinload(Account.meters))
            .order_by(Account.id)
            .limit(limit)
        )
        return list(await self.session.scalars(stmt))

    async def customer_by_email(self, email: str) -> Customer | None:
        stmt = select(Customer).where(Customer.email == email.strip().lower())
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def search_customers(self, q: str, limit: int = 50) -> list[Customer]:
        stmt = (
            select(Customer)
            .where(Customer.full_name.ilike(f"%{q}%") | Customer.email.ilike(f"%{q}%"))
            .order_by(Customer.full_name)
            .limit(limit)
        )
        return list(await self.session.scalars(stmt))

    async def meters_for_account(self, account_id: int) -> list[Meter]:
        return list(await self.session.scalars(select(Meter).where(Meter.account_id == account_id)))


class MeterRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def by_serials(self, serials: Iterable[str]) -> dict[str, tuple[int, str, str]]:
        """serial -> (meter_id, feeder_id, commodity)"""
        wanted = list(set(serials))
        if not wanted:
            return {}
        stmt = (
            select(Meter.serial, Meter.id, Premise.feeder_id, Meter.commodity)
            .join(Account, Account.id == Meter.account_id)
            .join(Premise, Premise.id == Account.premise_id)
            .where(Meter.serial.in_(wanted))
        )
        rows = await self.session.execute(stmt)
        return {serial: (mid, feeder, commodity.value) for serial, mid, feeder, commodity in rows}

    async def by_serial(self, serial: str) -> Meter | None:
        return (await self.session.execute(select(Meter).where(Meter.serial == serial))).scalar_one_or_none()

    async def premises_on_feeder(self, feeder_id: str) -> list[Premise]:
        return list(await self.session.scalars(select(Premise).where(Premise.feeder_id == feeder_id)))
