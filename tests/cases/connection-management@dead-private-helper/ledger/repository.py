"""Ledger repository. `import_batch` is public API with no caller yet; `_import_legacy` is a
private helper whose only caller was removed: dead code, which no request runs."""
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

    async def _import_legacy(self, rows: list[tuple[int, int]]) -> None:
        conn = await self._pool.acquire(timeout=5)
        await conn.executemany("INSERT INTO legacy_entries (account_id, amount) VALUES ($1, $2)", rows)
