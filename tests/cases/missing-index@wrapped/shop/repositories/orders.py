"""Order persistence."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from shop.models import Order


class OrderRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def by_external_ref(self, ref: str) -> Order | None:
        stmt = select(Order).where(Order.external_ref == ref)  # expect: missing-index
        return await self._session.scalar(stmt)

    async def for_customer(self, customer_id: int, since) -> list[Order]:
        stmt = select(Order).where(Order.customer_id == customer_id, Order.created_at >= since)
        return list(await self._session.scalars(stmt))
