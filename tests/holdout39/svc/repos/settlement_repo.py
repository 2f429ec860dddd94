from __future__ import annotations

from datetime import date
from decimal import Decimal

import asyncpg

from svc.db.pg import connection, fetch_rows


class SettlementRepository:
    async def unsettled_payments(self, restaurant_id: int, until: date) -> list[asyncpg.Record]:
        return await fetch_rows(
            "SELECT id, order_id, amount FROM payments "
            "WHERE restaurant_id = $1 AND settled_at IS NULL AND status = 'captured' "
            "AND created_at < $2",
            restaurant_id, until,
        )

    async def restaurants_with_unsettled(self) -> list[int]:
        rows = await fetch_rows("SELECT DISTINCT restaurant_id FROM payments WHERE settled_at IS NULL")
        return [r["restaurant_id"] for r in rows]

    async def create_batch(
        self,
        restaurant_id: int,
        period_start: date,
        period_end: date,
        gross: Decimal,
        commission: Decimal,
        lines: list[tuple[int, int, Decimal]],
    ) -> int:
        async with connection() as conn:
            async with conn.transaction():
                batch_id = await conn.fetchval(
                    "INSERT INTO settlement_batches (restaurant_id, period_start, period_end, gross, commission) "
                    "VALUES ($1, $2, $3, $4, $5) RETURNING id",
                    restaurant_id, period_start, period_end, gross, commission,
                )
                await conn.executemany(
                    "INSERT INTO settlement_lines (batch_id, order_id, amount) VALUES ($1, $2, $3)",
                    [(batch_id, order_id, amount) for _pid, order_id, amount in lines],
                )
                await conn.execute(
                    "UPDATE payments SET settled_at = now() WHERE id = ANY($1::bigint[])",
                    [pid for pid, _oid, _amt in lines],
                )
        return batch_id

    async def open_batches(self) -> list[asyncpg.Record]:
        async with connection() as conn:
            return await conn.fetch("SELECT id, restaurant_id, gross, commission FROM settlement_batches WHERE status = 'open'")

    async def mark_paid(self, batch_id: int, payout_ref: str) -> None:
        async with connection() as conn:
            await conn.execute(
                "UPDATE settlement_batches SET status = 'paid', payout_ref = $2 WHERE id = $1", batch_id, payout_ref
            )

    async def mark_failed(self, batch_id: int) -> None:
        async with connection() as conn:
            await conn.execute("UPDATE settlement_batches SET status = 'failed' WHERE id = $1", batch_id)

    async def lines_for_month(self, restaurant_id: int, month_start: date) -> list[asyncpg.Record]:
        async with connection() as conn:
            return await conn.fetch(
                "SELECT l.order_id, l.amount, b.period_start FROM settlement_lines l "
                "JOIN settlement_batches b ON b.id = l.batch_id "
                "WHERE b.restaurant_id = $1 AND b.period_start >= $2 AND b.period_start < $2 + interval '1 month'",
                restaurant_id, month_start,
            )
