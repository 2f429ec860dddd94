from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import EscrowPayment, Payout


class PayoutRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def pending(self, limit: int) -> list[Payout]:
        stmt = (
            select(Payout)
            .where(Payout.status == "pending")
            .order_by(Payout.created_at)
            .limit(limit)
        )
        return list(await self.session.scalars(stmt))

    async def mark_paid(self, payout_id: int, transfer_id: str) -> None:
        await self.session.execute(
            update(Payout)
            .where(Payout.id == payout_id)
            .values(status="paid", provider_transfer_id=transfer_id)
        )

    async def mark_failed(self, payout_id: int, attempts: int) -> None:
        await self.session.execute(
            update(Payout).where(Payout.id == payout_id).values(status="failed", attempts=attempts)
        )

    async def create(self, seller_id: int, lot_id: int, amount_cents: int) -> Payout:
        payout = Payout(seller_id=seller_id, lot_id=lot_id, amount_cents=amount_cents)
        self.session.add(payout)
        await self.session.flush()
        return payout

    async def claim_refunds(self, limit: int) -> list[EscrowPayment]:
        stmt = (
            select(EscrowPayment)
            .where(EscrowPayment.status == "refund_requested")
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return list(await self.session.scalars(stmt))

    async def payment_for_lot(self, lot_id: int) -> EscrowPayment | None:
        return await self.session.scalar(select(EscrowPayment).where(EscrowPayment.lot_id == lot_id))

    async def payment_by_ref(self, ref: str) -> EscrowPayment | None:
        return await self.session.scalar(select(EscrowPayment).where(EscrowPayment.provider_ref == ref))

    async def history(self, seller_id: int, limit: int = 100) -> list[Payout]:
        stmt = (
            select(Payout)
            .where(Payout.seller_id == seller_id)
            .order_by(Payout.created_at.desc())
            .limit(limit)
        )
        return list(await self.session.scalars(stmt))

    async def in_flight(self, limit: int) -> list[Payout]:
        stmt = (
            select(Payout)
            .where(Payout.status == "submitted")
            .limit(limit)
            .with_for_update(skip_locked=True, of=Payout)
        )
        return list(await self.session.scalars(stmt))
