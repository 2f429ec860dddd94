"""Payment records (SQLAlchemy ORM)."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Payment
from svc.errors import NotFoundError


class PaymentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def record_pending(
        self, user_id: int, course_id: int, charge_id: str, idempotency_key: str, amount_cents: int
    ) -> None:
        stmt = (
            insert(Payment)
            .values(
                user_id=user_id,
                course_id=course_id,
                provider_charge_id=charge_id,
                idempotency_key=idempotency_key,
                amount_cents=amount_cents,
                status="pending",
            )
            .on_conflict_do_nothing(index_elements=[Payment.idempotency_key])
        )
        await self._session.execute(stmt)
        await self._session.commit()

    async def by_charge_id(self, charge_id: str) -> Payment:
        stmt = select(Payment).where(Payment.provider_charge_id == charge_id)
        payment = (await self._session.scalars(stmt)).one_or_none()
        if payment is None:
            raise NotFoundError("payment", charge_id)
        return payment

    async def get(self, payment_id: int) -> Payment:
        payment = await self._session.get(Payment, payment_id)
        if payment is None:
            raise NotFoundError("payment", payment_id)
        return payment

    async def for_user(self, user_id: int) -> list[Payment]:
        stmt = select(Payment).where(Payment.user_id == user_id).order_by(Payment.id.desc()).limit(100)
        return list(await self._session.scalars(stmt))

    async def transition(self, payment_id: int, from_status: str, to_status: str) -> bool:
        result = await self._session.execute(
            update(Payment)
            .where(Payment.id == payment_id, Payment.status == from_status)
            .values(status=to_status)
        )
        await self._session.commit()
        return result.rowcount == 1
