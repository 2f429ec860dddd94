"""Order state transitions."""
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from orders.models import Invoice, Order

OPEN_STATES = ("open", "packing")


class StateError(Exception):
    pass


class OrderService:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def cancel(self, order_id: int) -> Order:
        order = await self.session.get(Order, order_id)
        if order.status not in OPEN_STATES:  # expect: race-condition
            raise StateError(order.status)
        order.status = "cancelled"
        await self.session.commit()
        return order

    async def cancel_locked(self, order_id: int) -> Order:
        order = await self.session.scalar(select(Order).where(Order.id == order_id).with_for_update())
        if order.status not in OPEN_STATES:
            raise StateError(order.status)
        order.status = "cancelled"
        await self.session.commit()
        return order

    async def ship(self, order_id: int) -> None:
        result = await self.session.execute(
            update(Order).where(Order.id == order_id, Order.status == "packing").values(status="shipped"))
        if result.rowcount == 0:
            raise StateError("not packing")
        await self.session.commit()

    async def annotate(self, order_id: int, note: str) -> Order:
        order = await self.session.get(Order, order_id)
        if len(order.note) > 150:
            raise StateError("note too long")
        order.note = note
        await self.session.commit()
        return order

    async def pay_invoice(self, invoice_id: int) -> Invoice:
        invoice = await self.session.get(Invoice, invoice_id)
        if invoice.status != "draft":
            raise StateError(invoice.status)
        invoice.status = "paid"
        await self.session.commit()
        return invoice
