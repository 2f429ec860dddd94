from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import asyncpg


@dataclass(frozen=True)
class PayoutLine:
    employee_id: int
    amount_cents: int
    account_token: str
    trace_number: str


class PayoutRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def create_batch(self, pay_run_id: int, file_path: str, lines: list[PayoutLine]) -> int:
        total = sum(line.amount_cents for line in lines)
        async with self._pool.acquire() as conn:
            async with conn.transaction():
                batch_id = await conn.fetchval(
                    """
                    INSERT INTO payout_batches (pay_run_id, status, file_path, total_cents, line_count)
                    VALUES ($1, 'generated', $2, $3, $4)
                    RETURNING id
                    """,
                    pay_run_id,
                    file_path,
                    total,
                    len(lines),
                )
                await conn.executemany(
                    """
                    INSERT INTO payout_lines (batch_id, employee_id, amount_cents, account_token, trace_number)
                    VALUES ($1, $2, $3, $4, $5)
                    """,
                    [
                        (batch_id, l.employee_id, l.amount_cents, l.account_token, l.trace_number)
                        for l in lines
                    ],
                )
        return batch_id

    async def batch_for_run(self, pay_run_id: int) -> asyncpg.Record | None:
        async with self._pool.acquire() as conn:
            return await conn.fetchrow("SELECT * FROM payout_batches WHERE pay_run_id = $1", pay_run_id)

    async def lines(self, batch_id: int) -> list[asyncpg.Record]:
        async with self._pool.acquire() as conn:
            return await conn.fetch(
                "SELECT * FROM payout_lines WHERE batch_id = $1 ORDER BY id", batch_id
            )

    async def mark_submitted(self, batch_id: int, bank_reference: str, at: datetime) -> None:
        async with self._pool.acquire() as conn:
            await conn.execute(
                "UPDATE payout_batches SET status = 'submitted', bank_reference = $2, submitted_at = $3 "
                "WHERE id = $1",
                batch_id,
                bank_reference,
                at,
            )

    async def mark_failed(self, batch_id: int) -> None:
        async with self._pool.acquire() as conn:
            await conn.execute("UPDATE payout_batches SET status = 'failed' WHERE id = $1", batch_id)

    async def void_pending(self, pay_run_id: int) -> int:
        async with self._pool.acquire() as conn:
            result = await conn.execute(
                "UPDATE payout_batches SET status = 'void' WHERE pay_run_id = $1 AND status = 'generated'",
                pay_run_id,
            )
        return int(result.split()[-1])

    async def batch_by_reference(self, bank_reference: str) -> asyncpg.Record | None:
        async with self._pool.acquire() as conn:
            return await conn.fetchrow(
                "SELECT * FROM payout_batches WHERE bank_reference = $1", bank_reference
            )

    async def apply_return(self, trace_number: str, return_code: str) -> int | None:
        async with self._pool.acquire() as conn:
            return await conn.fetchval(
                "UPDATE payout_lines SET status = 'returned', return_code = $2 "
                "WHERE trace_number = $1 RETURNING employee_id",
                trace_number,
                return_code,
            )
