"""Ledger repository: raw asyncpg for bulk writes. `import_batch` has no caller yet."""
import asyncpg


class LedgerRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def balance(self, account_id: int) -> int:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetchval("SELECT balance FROM accounts WHERE id = $1", account_id)

    async def import_batch(self, rows: list[tuple[int, int]]) -> None:
        conn = await self._pool.acquire(timeout=5)  # expect: connection-management
        await conn.executemany("INSERT INTO entries (account_id, amount) VALUES ($1, $2)", rows)
        await self._pool.release(conn)

    async def archive(self, before: str) -> None:
        conn = await self._pool.acquire(timeout=5)
        try:
            await conn.execute("DELETE FROM entries WHERE created_at < $1", before)
        finally:
            await self._pool.release(conn)
