from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import Customer


class CustomerRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, customer_id: int) -> Customer | None:
        return await self._session.get(Customer, customer_id)

    async def get_many(self, ids: Iterable[int]) -> dict[int, Customer]:
        id_list = list(set(ids))
        if not id_list:
            return {}
        rows = await self._session.scalars(select(Customer).where(Customer.id.in_(id_list)))
        return {c.id: c for c in rows}

    async def by_email(self, email: str) -> Customer | None:
        return await self._session.scalar(select(Customer).where(Customer.email == email.lower()))

    async def search(self, term: str, limit: int = 25) -> Sequence[Customer]:
        pattern = f"%{term}%"
        result = await self._session.scalars(
            select(Customer)
            .where(or_(Customer.last_name.ilike(pattern), Customer.phone.ilike(pattern)))
            .order_by(Customer.last_name)
            .limit(limit)
        )
        return result.all()
