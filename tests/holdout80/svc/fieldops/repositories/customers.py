from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from fieldops.db.models import Customer


class CustomerRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, customer_id: int) -> Customer | None:
        return await self._session.get(Customer, customer_id)

    async def by_email(self, account_id: int, email: str) -> Customer | None:
        stmt = select(Customer).where(Customer.email == email, Customer.account_id == account_id)
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def search(self, account_id: int, term: str, limit: int = 25) -> list[Customer]:
        stmt = (
            select(Customer)
            .where(Customer.account_id == account_id)
            .where(Customer.name.ilike(f"%{term}%") | Customer.phone.ilike(f"%{term}%"))
            .order_by(Customer.name)
            .limit(limit)
        )
        return list((await self._session.execute(stmt)).scalars())

    async def add(self, customer: Customer) -> Customer:
        self._session.add(customer)
        await self._session.flush()
        return customer

    async def update(self, customer: Customer, fields: dict) -> Customer:
        for name, value in fields.items():
            setattr(customer, name, value)
        await self._session.flush()
        return customer
