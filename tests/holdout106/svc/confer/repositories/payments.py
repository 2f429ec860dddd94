from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import Payment


class PaymentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def create(self, registration_id: int, provider_ref: str, idempotency_key: str, amount_cents: int) -> Payment:
        payment = Payment(
            registration_id=registration_id,
            provider_ref=provider_ref,
            idempotency_key=idempotency_key,
            amount_cents=amount_cents,
        )
        self.session.add(payment)
        await self.session.flush()
        return payment

    async def by_provider_ref(self, provider_ref: str) -> Payment | None:
        stmt = select(Payment).where(Payment.provider_ref == provider_ref)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def by_idempotency_key(self, key: str) -> Payment | None:
        stmt = select(Payment).where(Payment.idempotency_key == key)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def for_registration(self, registration_id: int) -> list[Payment]:
        stmt = select(Payment).where(Payment.registration_id == registration_id).order_by(Payment.id)
        return list((await self.session.execute(stmt)).scalars())

    async def set_status(self, payment_id: int, status: str) -> None:
        await self.session.execute(update(Payment).where(Payment.id == payment_id).values(status=status))

    async def mark_paid_once(self, payment_id: int) -> bool:
        stmt = (
            update(Payment)
            .where(Payment.id == payment_id, Payment.status != "paid")
            .values(status="paid")
            .returning(Payment.id)
        )
        return (await self.session.execute(stmt)).first() is not None
