"""Daily records kept in PostgreSQL."""
from datetime import date

import asyncpg


class RecordRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def unsubmitted(self, day: date) -> list[dict]:
        rows = await self._pool.fetch("SELECT id, imo, co2_t FROM daily WHERE day = $1 AND receipt IS NULL", day)
        return [dict(r) for r in rows]

    async def mark_submitted(self, record_id: int) -> None:
        await self._pool.execute("UPDATE daily SET receipt = 'sent' WHERE id = $1", record_id)

    async def pending_fuel(self) -> list[dict]:
        rows = await self._pool.fetch("SELECT id, imo, tonnes FROM fuel WHERE sent_at IS NULL")
        return [dict(r) for r in rows]

    async def mark_fuel_sent(self, record_id: int) -> None:
        await self._pool.execute("UPDATE fuel SET sent_at = now() WHERE id = $1", record_id)

    async def arrivals(self, day: date) -> list[dict]:
        rows = await self._pool.fetch("SELECT imo FROM arrivals WHERE day = $1", day)
        return [dict(r) for r in rows]
