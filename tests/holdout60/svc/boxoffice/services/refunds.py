from __future__ import annotations

import logging

from sqlalchemy.ext.asyncio import AsyncSession

from ..clients.payments import PaymentsClient
from ..coordination import order_lock, ticket_lock
from ..db import pool
from ..repositories import inventory
from ..repositories.orders import OrderRepository

log = logging.getLogger(__name__)


class RefundError(Exception):
    pass


class RefundService:
    def __init__(self, session: AsyncSession, payments: PaymentsClient) -> None:
        self._orders = OrderRepository(session)
        self._payments = payments

    async def refund_order(self, order_id: int, reason: str) -> int:
        order = await self._orders.get_by_id(order_id)
        if order is None or order.status != "paid":
            raise RefundError(f"order {order_id} is not refundable")
        async with order_lock(order_id):
            async with pool().acquire() as conn:
                tickets = await inventory.for_order(conn, order_id)
                for ticket in tickets:
                    async with ticket_lock(ticket["id"]):
                        await conn.execute("UPDATE tickets SET status = 'void' WHERE id = $1", ticket["id"])
            await self._payments.refund(order.payment_intent_id, order.total_cents, reason)
            await self._orders.set_status(order_id, "refunded")
            await self._orders.commit()
        log.info("refunded order %s (%s)", order_id, reason)
        return order.total_cents

    async def cancel_event(self, event_id: int, order_ids: list[int]) -> tuple[int, int]:
        refunded, failed = 0, 0
        for order_id in order_ids:
            try:
                await self.refund_order(order_id, "event_cancelled")
                refunded += 1
            except (RefundError, OSError) as exc:
                failed += 1
                log.error("refund of order %s for cancelled event %s failed: %s", order_id, event_id, exc)
        return refunded, failed
