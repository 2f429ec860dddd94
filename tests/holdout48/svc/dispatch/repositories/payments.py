from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from dispatch.db.models import Payment


class PaymentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def for_trip(self, trip_id: int) -> Payment | None:
        return await self._session.scalar(select(Payment).where(Payment.trip_id == trip_id))

    async def by_psp_reference(self, reference: str) -> Payment | None:
        return await self._session.scalar(select(Payment).where(Payment.psp_reference == reference))

    async def by_idempotency_key(self, key: str) -> Payment | None:
        return await self._session.scalar(select(Payment).where(Payment.idempotency_key == key))

    async def create(self, trip_id: int, amount_cents: int, reference: str, key: str) -> Payment:
        payment = Payment(trip_id=trip_id, amount_cents=amount_cents, psp_reference=reference, idempotency_key=key)
        self._session.add(payment)
        await self._session.commit()
        return payment

    async def mark(self, payment_id: int, status: str, reference: str | None = None) -> None:
        values: dict = {"status": status}
        if reference:
            values["psp_reference"] = reference
        await self._session.execute(update(Payment).where(Payment.id == payment_id).values(**values))
        await self._session.commit()
