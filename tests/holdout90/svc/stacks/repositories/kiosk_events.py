from __future__ import annotations

import asyncpg

from stacks.db.pool import ACQUIRE_TIMEOUT_S

_INSERT = """
INSERT INTO kiosk_events (kiosk_id, seq, kind, rfid_tag, card_number, occurred_at)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (kiosk_id, seq) DO NOTHING
"""


class KioskEventRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def store_batch(self, rows: list[tuple]) -> None:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            await conn.executemany(_INSERT, rows)

    async def last_seq(self, kiosk_id: str) -> int:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            value = await conn.fetchval("SELECT max(seq) FROM kiosk_events WHERE kiosk_id = $1", kiosk_id)
        return int(value or 0)
