"""Refunds: money goes back through the payment gateway once per order."""
import httpx
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from refunds.models import Order


class NotRefundable(Exception):
    pass


class RefundService:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], gateway: httpx.AsyncClient) -> None:
        self._sessions = sessions
        self._gateway = gateway

    async def refund(self, order_id: int) -> None:
        async with self._sessions() as session:
            order = await session.get(Order, order_id)
            if order is None:
                raise KeyError(order_id)
            if order.status != "paid":  # expect: race-condition
                raise NotRefundable(order.status)
            amount = order.amount_cents
        await self._gateway.post("/refunds", json={"order": order_id, "amount": amount})
        async with self._sessions() as session:
            await session.execute(
                update(Order).where(Order.id == order_id, Order.status == "paid").values(status="refunded"))
            await session.commit()

    async def refund_claimed(self, order_id: int) -> None:
        async with self._sessions() as session:
            order = await session.get(Order, order_id)
            if order is None:
                raise KeyError(order_id)
            if order.status != "paid":
                raise NotRefundable(order.status)
            claimed = await session.execute(
                update(Order).where(Order.id == order_id, Order.status == "paid").values(status="refunding"))
            if claimed.rowcount == 0:
                raise NotRefundable("refund already in progress")
            await session.commit()
        await self._gateway.post("/refunds", json={"order": order_id})

    async def mark_disputed(self, order_id: int) -> None:
        async with self._sessions() as session:
            order = await session.get(Order, order_id)
            if order is None or order.status != "paid":
                raise NotRefundable(order_id)
            await session.execute(
                update(Order).where(Order.id == order_id, Order.status == "paid").values(status="disputed"))
            await session.commit()
