"""Dispensing queue, kept in raw SQL because the branch screens poll it heavily."""
from __future__ import annotations

import asyncpg

_WAITING_SQL = """
SELECT id, prescription_id, position, state, verified_by, created_at
FROM dispense_queue
WHERE branch_id = $1 AND state IN ('waiting', 'filling', 'verified', 'ready')
ORDER BY position
"""


class QueueRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def enqueue(self, branch_id: int, prescription_id: int) -> int:
        conn = await self._pool.acquire(timeout=5)
        row = await conn.fetchrow(
            "SELECT COALESCE(MAX(position), 0) AS pos FROM dispense_queue WHERE branch_id = $1", branch_id
        )
        entry_id = await conn.fetchval(
            "INSERT INTO dispense_queue (prescription_id, branch_id, position, state) "
            "VALUES ($1, $2, $3, 'waiting') RETURNING id",
            prescription_id,
            branch_id,
            row["pos"] + 1,
        )
        await self._pool.release(conn)
        return entry_id

    async def waiting(self, branch_id: int) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch(_WAITING_SQL, branch_id)

    async def get(self, entry_id: int) -> asyncpg.Record | None:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetchrow("SELECT * FROM dispense_queue WHERE id = $1", entry_id)

    async def set_state(self, entry_id: int, state: str, verified_by: str | None = None) -> None:
        async with self._pool.acquire(timeout=5) as conn:
            await conn.execute(
                "UPDATE dispense_queue SET state = $2, verified_by = COALESCE($3, verified_by), "
                "updated_at = now() WHERE id = $1",
                entry_id,
                state,
                verified_by,
            )

    async def assign_lot(self, entry_id: int, lot_id: int) -> None:
        async with self._pool.acquire(timeout=5) as conn:
            await conn.execute("UPDATE dispense_queue SET lot_id = $2 WHERE id = $1", entry_id, lot_id)

    async def history_page(self, branch_id: int, before_id: int | None, limit: int = 50) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch(
                "SELECT id, prescription_id, state, verified_by, updated_at FROM dispense_queue "
                "WHERE branch_id = $1 AND ($2::int IS NULL OR id < $2) ORDER BY id DESC LIMIT $3",
                branch_id,
                before_id,
                min(limit, 200),
            )
