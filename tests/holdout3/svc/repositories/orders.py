from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select, update
from sqlalchemy.orm import selectinload

from svc.db.models import Order, OrderItem, Payout
from svc.repositories.base import BaseRepository
from svc.services import locks


class OrderRepository(BaseRepository[Order]):
    model = Order

    async def list_for_buyer(self, buyer_id: int, limit: int = 50) -> Sequence[Order]:
        stmt = (
            select(Order)
            .where(Order.buyer_id == buyer_id)
            .order_by(Order.created_at.desc())
            .limit(limit)
        )
        return (await self.session.scalars(stmt)).all()

    async def list_for_buyer_with_items(self, buyer_id: int, limit: int = 20) -> Sequence[Order]:
        stmt = (
            select(Order)
            .options(selectinload(Order.items))
            .where(Order.buyer_id == buyer_id, Order.status != "cancelled")
            .order_by(Order.created_at.desc())
            .limit(limit)
        )
        return (await self.session.scalars(stmt)).all()

    async def recent_for_seller(self, seller_id: int, limit: int = 50) -> Sequence[Order]:
        stmt = (
            select(Order)
            .join(OrderItem, OrderItem.order_id == Order.id)
            .where(OrderItem.seller_id == seller_id)
            .order_by(Order.created_at.desc())
            .limit(limit)
            .distinct()
        )
        return (await self.session.scalars(stmt)).all()

    async def by_payment_id(self, payment_id: str) -> Order | None:
        stmt = select(Order).where(Order.payment_id == payment_id)
        return (await self.session.execute(stmt)).scalar_one_or_none()


class PayoutRepository(BaseRepository[Payout]):
    model = Payout

    async def by_provider_reference(self, reference: str) -> Payout | None:
        stmt = select(Payout).where(Payout.provider_reference == reference)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def by_idempotency_key(self, key: str) -> Payout | None:
        stmt = select(Payout).where(Payout.idempotency_key == key)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def list_for_seller(self, seller_id: int, limit: int = 50) -> Sequence[Payout]:
        stmt = (
            select(Payout)
            .where(Payout.seller_id == seller_id)
            .order_by(Payout.id.desc())
            .limit(limit)
        )
        return (await self.session.scalars(stmt)).all()

    async def count_by_status(self, status: str) -> int:
        stmt = select(func.count()).select_from(Payout).where(Payout.status == status)
        return int(await self.session.scalar(stmt) or 0)

    async def pending_batch(self, limit: int) -> Sequence[Payout]:
        stmt = (
            select(Payout)
            .where(Payout.status == "pending")
            .order_by(Payout.requested_at)
            .limit(limit)
        )
        return (await self.session.scalars(stmt)).all()

    async def in_flight(self) -> Sequence[Payout]:
        stmt = select(Payout).where(Payout.status == "processing").order_by(Payout.requested_at)
        return (await self.session.scalars(stmt)).all()

    async def hold_pending_for_seller(self, seller_id: int) -> int:
        """Put a seller's pending payouts on hold (negative balance after a refund)."""
        async with locks.payout_lock:
            result = await self.session.execute(
                update(Payout)
                .where(Payout.seller_id == seller_id, Payout.status == "pending")
                .values(status="on_hold")
            )
            await self.session.flush()
            return result.rowcount or 0
