from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from payflow.models import Employee, Payout, PayoutStatus


class PayoutRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def create_many(self, rows: list[dict]) -> Sequence[Payout]:
        if not rows:
            return []
        stmt = (
            insert(Payout)
            .values(rows)
            .on_conflict_do_nothing(index_elements=["idempotency_key"])
            .returning(Payout)
        )
        result = await self.session.execute(stmt)
        return result.scalars().all()

    async def pending_for_run(self, run_id: int) -> Sequence[Payout]:
        result = await self.session.execute(
            select(Payout)
            .where(Payout.pay_run_id == run_id, Payout.status == PayoutStatus.PENDING)
            .order_by(Payout.id)
        )
        return result.scalars().all()

    async def by_provider_id(self, provider_payout_id: str) -> Payout | None:
        result = await self.session.execute(
            select(Payout).where(Payout.provider_payout_id == provider_payout_id)
        )
        return result.scalar_one_or_none()

    async def claim_due_for_poll(self, now: datetime, limit: int = 100) -> Sequence[Payout]:
        result = await self.session.execute(
            select(Payout)
            .where(Payout.status == PayoutStatus.SUBMITTED, Payout.next_poll_at <= now)
            .order_by(Payout.next_poll_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return result.scalars().all()

    async def mark_submitted(self, payout_id: int, provider_id: str, next_poll_at: datetime) -> None:
        await self.session.execute(
            update(Payout)
            .where(Payout.id == payout_id)
            .values(
                status=PayoutStatus.SUBMITTED,
                provider_payout_id=provider_id,
                next_poll_at=next_poll_at,
            )
        )

    async def debit_advance(self, employee_id: int, amount: Decimal) -> bool:
        result = await self.session.execute(
            update(Employee)
            .where(Employee.id == employee_id, Employee.advance_balance >= amount)
            .values(advance_balance=Employee.advance_balance - amount)
            .returning(Employee.id)
        )
        return result.scalar_one_or_none() is not None
