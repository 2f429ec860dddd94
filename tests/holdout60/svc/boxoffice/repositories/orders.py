from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import Customer, Order, OrderItem


class OrderRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def create(
        self,
        event_id: int,
        customer_id: int,
        items: Sequence[tuple[int, int]],
        currency: str,
        promo_code_id: int | None = None,
    ) -> Order:
        order = Order(
            event_id=event_id,
            customer_id=customer_id,
            total_cents=sum(price for _, price in items),
            currency=currency,
            promo_code_id=promo_code_id,
        )
        self._session.add(order)
        await self._session.flush()
        self._session.add_all(OrderItem(order_id=order.id, seat_id=seat, price_cents=price) for seat, price in items)
        await self._session.flush()
        return order

    async def get(self, order_id: int) -> Order | None:
        return await self._session.get(Order, order_id)

    async def by_payment_intent(self, intent_id: str) -> Order | None:
        stmt = select(Order).where(Order.payment_intent_id == intent_id)
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def pending_older_than(self, cutoff: datetime, limit: int = 200) -> Sequence[Order]:
        stmt = (
            select(Order)
            .where(Order.status == "pending", Order.created_at < cutoff)
            .order_by(Order.created_at)
            .limit(limit)
        )
        return (await self._session.execute(stmt)).scalars().all()

    async def items_for(self, order_id: int) -> Sequence[OrderItem]:
        stmt = select(OrderItem).where(OrderItem.order_id == order_id)
        return (await self._session.execute(stmt)).scalars().all()

    async def items_for_orders(self, order_ids: Sequence[int]) -> dict[int, list[OrderItem]]:
        grouped: dict[int, list[OrderItem]] = {order_id: [] for order_id in order_ids}
        stmt = select(OrderItem).where(OrderItem.order_id.in_(order_ids))
        for item in (await self._session.execute(stmt)).scalars():
            grouped[item.order_id].append(item)
        return grouped

    async def gross_for_event(self, event_id: int) -> int:
        stmt = select(func.coalesce(func.sum(Order.total_cents), 0)).where(
            Order.event_id == event_id, Order.status == "paid"
        )
        return int((await self._session.execute(stmt)).scalar_one())

    async def set_status(self, order_id: int, status: str, **fields: object) -> None:
        await self._session.execute(update(Order).where(Order.id == order_id).values(status=status, **fields))

    async def commit(self) -> None:
        await self._session.commit()


class CustomerRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, customer_id: int) -> Customer | None:
        return await self._session.get(Customer, customer_id)

    async def get_many(self, customer_ids: Iterable[int]) -> dict[int, Customer]:
        ids = list(set(customer_ids))
        if not ids:
            return {}
        result = await self._session.execute(select(Customer).where(Customer.id.in_(ids)))
        return {c.id: c for c in result.scalars()}

    async def by_email(self, email: str) -> Customer | None:
        result = await self._session.execute(select(Customer).where(Customer.email == email.lower()))
        return result.scalar_one_or_none()
