"""Order reads on the raw asyncpg pool, reached from routes through app.state."""
import asyncpg


class OrderRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def export(self, account_id: int) -> list:
        conn = await self._pool.acquire(timeout=5.0)  # expect: connection-management
        rows = await conn.fetch("SELECT id, total FROM orders WHERE account_id = $1", account_id)
        await self._pool.release(conn)
        return rows

    async def recent(self, account_id: int) -> list:
        conn = await self._pool.acquire(timeout=5.0)
        try:
            return await conn.fetch("SELECT id, total FROM orders WHERE account_id = $1 LIMIT 20", account_id)
        finally:
            await self._pool.release(conn)


class OrderService:
    def __init__(self, repo: OrderRepository) -> None:
        self._repo = repo

    async def export_csv(self, account_id: int) -> str:
        rows = await self._repo.export(account_id)
        return "\n".join(f"{r['id']},{r['total']}" for r in rows)

    async def recent(self, account_id: int) -> list:
        return await self._repo.recent(account_id)
