from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import LiftTicket, Order


class TicketRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get_by_barcode(self, barcode: str) -> LiftTicket | None:
        return await self._session.scalar(select(LiftTicket).where(LiftTicket.barcode == barcode))

    async def for_customer(self, customer_id: int, limit: int = 50) -> Sequence[LiftTicket]:
        result = await self._session.scalars(
            select(LiftTicket)
            .where(LiftTicket.customer_id == customer_id)
            .order_by(LiftTicket.valid_on.desc())
            .limit(limit)
        )
        return result.all()

    async def for_orders(self, order_ids: list[int]) -> Sequence[LiftTicket]:
        result = await self._session.scalars(
            select(LiftTicket).where(LiftTicket.order_id.in_(order_ids))
        )
        return result.all()

    async def orders_for_customer(self, customer_id: int) -> Sequence[Order]:
        result = await self._session.scalars(
            select(Order).where(Order.customer_id == customer_id).order_by(Order.created_at.desc())
        )
        return result.all()

    def add_many(self, tickets: list[LiftTicket]) -> None:
        self._session.add_all(tickets)
