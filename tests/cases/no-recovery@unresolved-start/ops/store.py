"""Ledger rows kept in postgres."""
import asyncpg


class LedgerStore:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def unexported(self) -> list:
        async with self._pool.acquire() as conn:
            return await conn.fetch("SELECT id FROM ledger WHERE exported = false LIMIT 500")

    async def mark_exported(self, ids: list[int]) -> None:
        async with self._pool.acquire() as conn:
            await conn.execute("UPDATE ledger SET exported = true WHERE id = ANY($1)", ids)
