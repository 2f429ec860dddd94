from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Payment, PaymentStatus, Payout


async def for_ride_locked(session: AsyncSession, ride_id: int) -> Payment | None:
    stmt = select(Payment).where(Payment.ride_id == ride_id).with_for_update()
    return (await session.execute(stmt)).scalar_one_or_none()


async def by_provider_ref(session: AsyncSession, provider_ref: str) -> Payment | None:
    stmt = select(Payment).where(Payment.provider_ref == provider_ref)
    return (await session.execute(stmt)).scalar_one_or_none()


async def mark_captured(session: AsyncSession, payment: Payment, provider_ref: str) -> None:
    payment.status = PaymentStatus.CAPTURED
    payment.provider_ref = provider_ref
    payment.captured_at = datetime.now(timezone.utc)


async def upsert_payout(session: AsyncSession, driver_id: int, start: datetime, end: datetime, amount_cents: int) -> int:
    stmt = (
        insert(Payout)
        .values(driver_id=driver_id, period_start=start, period_end=end, amount_cents=amount_cents)
        .on_conflict_do_update(constraint="uq_payouts_driver_period", set_={"amount_cents": amount_cents})
        .returning(Payout.id)
    )
    return (await session.execute(stmt)).scalar_one()
