"""Payments awaiting capture and roaming CDRs awaiting delivery."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert

from svc.db.models import Payment, RoamingCdr
from svc.db.repositories.base import BaseRepository


class PaymentRepository(BaseRepository[Payment]):
    model = Payment

    async def create_pending(
        self,
        *,
        session_id: int,
        driver_id: int,
        amount_cents: int,
        currency: str,
        provider_ref: str,
        idempotency_key: str,
    ) -> bool:
        """Insert the payment once; a replayed StopTransaction hits the idempotency key and is a no-op."""
        stmt = pg_insert(Payment).values(
            session_id=session_id,
            driver_id=driver_id,
            amount_cents=amount_cents,
            currency=currency,
            provider_ref=provider_ref,
            idempotency_key=idempotency_key,
        ).on_conflict_do_nothing(index_elements=[Payment.idempotency_key])
        result = await self._db.execute(stmt)
        return result.rowcount == 1

    async def claim_pending(self, *, limit: int) -> list[Payment]:
        """Lock a batch of pending payments; rows locked by another replica's worker are skipped."""
        stmt = (
            select(Payment)
            .where(Payment.status == "pending")
            .order_by(Payment.created_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return list((await self._db.scalars(stmt)).all())

    async def mark_captured(self, payment_id: int, at: datetime) -> None:
        await self._db.execute(
            update(Payment).where(Payment.id == payment_id).values(status="captured", captured_at=at)
        )

    async def mark_failed(self, payment_id: int, reason: str) -> None:
        await self._db.execute(
            update(Payment).where(Payment.id == payment_id).values(status="failed", failure_reason=reason[:255])
        )


class CdrRepository(BaseRepository[RoamingCdr]):
    model = RoamingCdr

    async def list_pending(self, *, limit: int) -> list[RoamingCdr]:
        stmt = select(RoamingCdr).where(RoamingCdr.status == "pending").order_by(RoamingCdr.id).limit(limit)
        return list((await self._db.scalars(stmt)).all())

    async def mark_pushed(self, ids: Sequence[int], at: datetime) -> None:
        if not ids:
            return
        await self._db.execute(
            update(RoamingCdr).where(RoamingCdr.id.in_(ids)).values(status="pushed", pushed_at=at)
        )
