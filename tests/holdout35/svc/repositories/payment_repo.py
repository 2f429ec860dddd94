"""Payment persistence."""
from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Payment


class PaymentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def create_pending(self, trip_id: int, rider_id: int, amount_cents: int, key: str) -> Payment:
        payment = Payment(trip_id=trip_id, rider_id=rider_id, amount_cents=amount_cents, idempotency_key=key)
        self.session.add(payment)
        await self.session.flush()
        return payment

    async def for_trip(self, trip_id: int) -> Payment | None:
        return (await self.session.scalars(select(Payment).where(Payment.trip_id == trip_id))).first()

    async def by_charge_id(self, charge_id: str) -> Payment | None:
        stmt = select(Payment).where(Payment.provider_charge_id == charge_id)
        return (await self.session.scalars(stmt)).first()

    async def mark(self, payment_id: int, status: str, charge_id: str | None = None) -> None:
        values: dict = {"status": status}
        if charge_id is not None:
            values["provider_charge_id"] = charge_id
        await self.session.execute(update(Payment).where(Payment.id == payment_id).values(**values))
