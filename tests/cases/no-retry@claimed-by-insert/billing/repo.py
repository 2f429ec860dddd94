from __future__ import annotations

from uuid import UUID

import asyncpg


class ExportRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def start_export(self, account: str, period: str) -> UUID | None:
        async with self.pool.acquire() as conn:
            return await conn.fetchval(
                """
                INSERT INTO exports (account, period, status) VALUES ($1, $2, 'running')
                ON CONFLICT (account, period) DO NOTHING RETURNING id
                """,
                account, period,
            )

    async def drop_export(self, export_id: UUID) -> None:
        async with self.pool.acquire() as conn:
            await conn.execute("DELETE FROM exports WHERE id = $1", export_id)

    async def finish_export(self, export_id: UUID) -> None:
        async with self.pool.acquire() as conn:
            await conn.execute("UPDATE exports SET status = 'delivered' WHERE id = $1", export_id)
