from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from svc.db.models import Order, OrderItem, OrderStatus, OutboxEvent, Payment


class OrderRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, order_id: int) -> Order | None:
        return await self.session.get(Order, order_id)

    async def get_for_update(self, order_id: int) -> Order | None:
        stmt = select(Order).where(Order.id == order_id).with_for_update()
        return (await self.session.scalars(stmt)).first()

    async def add(self, order: Order, items: list[OrderItem]) -> Order:
        self.session.add(order)
        await self.session.flush()
        for item in items:
            item.order_id = order.id
            self.session.add(item)
        await self.session.commit()
        return order

    async def for_customer(self, customer_id: int, limit: int = 20) -> Sequence[Order]:
        stmt = (
            select(Order)
            .where(Order.customer_id == customer_id)
            .order_by(Order.created_at.desc())
            .limit(limit)
        )
        return (await self.session.scalars(stmt)).all()

    async def for_customer_with_items(self, customer_id: int, limit: int = 20) -> Sequence[Order]:
        stmt = (
            select(Order)
            .options(selectinload(Order.items))
            .where(Order.customer_id == customer_id)
            .order_by(Order.created_at.desc())
            .limit(limit)
        )
        return (await self.session.scalars(stmt)).all()

    async def items_for(self, order_id: int) -> Sequence[OrderItem]:
        return (await self.session.scalars(select(OrderItem).where(OrderItem.order_id == order_id))).all()

    async def active_for_courier(self, courier_id: int) -> Sequence[Order]:
        stmt = select(Order).where(
            Order.courier_id == courier_id,
            Order.status.in_([OrderStatus.ACCEPTED, OrderStatus.PREPARING, OrderStatus.PICKED_UP]),
        )
        return (await self.session.scalars(stmt)).all()

    async def delivered_on(self, restaurant_id: int, day: date) -> Sequence[Order]:
        stmt = select(Order).where(
            Order.restaurant_id == restaurant_id,
            Order.status == OrderStatus.DELIVERED,
            func.date(Order.created_at) == day,
        )
        return (await self.session.scalars(stmt)).all()

    async def stale_pending(self, older_than: datetime, limit: int = 200) -> Sequence[Order]:
        stmt = (
            select(Order)
            .where(Order.status == OrderStatus.PENDING, Order.created_at < older_than)
            .order_by(Order.created_at)
            .limit(limit)
        )
        return (await self.session.scalars(stmt)).all()

    async def set_status(self, order_id: int, status: OrderStatus) -> None:
        await self.session.execute(
            update(Order).where(Order.id == order_id).values(status=status, updated_at=func.now())
        )

    async def payment_by_ref(self, provider_ref: str) -> Payment | None:
        stmt = select(Payment).where(Payment.provider_ref == provider_ref)
        return (await self.session.scalars(stmt)).first()

    async def add_payment(self, payment: Payment) -> None:
        self.session.add(payment)
        await self.session.commit()

    async def queue_for_restaurant(self, restaurant_id: int) -> Sequence[Order]:
        stmt = (
            select(Order)
            .where(Order.restaurant_id == restaurant_id, Order.status.in_([OrderStatus.PENDING, OrderStatus.ACCEPTED]))
            .order_by(Order.created_at)
            .limit(100)
        )
        return (await self.session.scalars(stmt)).all()

    async def add_event(self, topic: str, payload: str) -> None:
        self.session.add(OutboxEvent(topic=topic, payload=payload))
