from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import asyncpg
from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import Payout


class PayoutsRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def enqueue(
        self,
        freelancer_id: int,
        milestone_id: int,
        gross: Decimal,
        fee: Decimal,
        currency: str,
        scheduled_for: datetime,
    ) -> None:
        stmt = insert(Payout).values(
            freelancer_id=freelancer_id,
            milestone_id=milestone_id,
            gross_amount=gross,
            fee_amount=fee,
            net_amount=gross - fee,
            currency=currency,
            scheduled_for=scheduled_for,
        )
        await self.session.execute(stmt.on_conflict_do_nothing(index_elements=[Payout.milestone_id]))

    async def due(self, now: datetime, limit: int) -> list[Payout]:
        stmt = (
            select(Payout)
            .where(Payout.payout_state == "queued", Payout.scheduled_for <= now)
            .order_by(Payout.scheduled_for)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        result = await self.session.execute(stmt)
        return list(result.scalars())

    async def mark_batch(self, payout_ids: list[int], batch_id: str, state: str) -> None:
        await self.session.execute(
            update(Payout).where(Payout.id.in_(payout_ids)).values(batch_id=batch_id, payout_state=state)
        )

    async def mark_paid(self, payout_id: int, reference: str, paid_at: datetime) -> None:
        await self.session.execute(
            update(Payout)
            .where(Payout.id == payout_id)
            .values(payout_state="paid", partner_reference=reference, paid_at=paid_at)
        )

    async def mark_failed(self, payout_id: int) -> None:
        await self.session.execute(update(Payout).where(Payout.id == payout_id).values(payout_state="failed"))

    async def for_freelancer(self, freelancer_id: int, limit: int = 50) -> list[Payout]:
        result = await self.session.execute(
            select(Payout).where(Payout.freelancer_id == freelancer_id).order_by(Payout.id.desc()).limit(limit)
        )
        return list(result.scalars())


class TaxRepository:
    """Year-end reporting queries (1099-style), raw SQL over the payouts ledger."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def earners_for_year(self, year: int, threshold_cents: int) -> list[asyncpg.Record]:
        conn = await self.pool.acquire(timeout=10)
        rows = await conn.fetch(
            """
            SELECT p.freelancer_id, u.display_name, u.country, u.tax_id_last4,
                   sum(p.net_amount) AS total, p.currency
            FROM payouts p JOIN users u ON u.id = p.freelancer_id
            WHERE p.payout_state = 'paid'
              AND p.paid_at >= make_date($1, 1, 1) AND p.paid_at < make_date($1 + 1, 1, 1)
            GROUP BY p.freelancer_id, u.display_name, u.country, u.tax_id_last4, p.currency
            HAVING sum(p.net_amount) * 100 >= $2
            """,
            year, threshold_cents,
        )
        await self.pool.release(conn)
        return rows

    async def record_export(self, year: int, path: str, count: int) -> None:
        async with self.pool.acquire(timeout=10) as conn:
            await conn.execute(
                """
                INSERT INTO tax_exports (year, path, form_count, exported_at)
                VALUES ($1, $2, $3, now())
                ON CONFLICT (year) DO UPDATE SET path = EXCLUDED.path, form_count = EXCLUDED.form_count,
                    exported_at = EXCLUDED.exported_at
                """,
                year, path, count,
            )
