"""Stock levels kept in postgres (asyncpg)."""
import asyncpg


class StockRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def levels(self, sku: str) -> tuple[int, int]:
        async with self._pool.acquire() as conn:
            row = await conn.fetchrow("SELECT on_hand, reserved FROM stock WHERE sku = $1", sku)
        return row["on_hand"], row["reserved"]

    async def reserve(self, sku: str, qty: int) -> None:
        async with self._pool.acquire() as conn:
            await conn.execute("UPDATE stock SET reserved = reserved + $2 WHERE sku = $1", sku, qty)

    async def reserve_if_available(self, sku: str, qty: int) -> bool:
        async with self._pool.acquire() as conn:
            done = await conn.fetchval(
                "UPDATE stock SET reserved = reserved + $2 WHERE sku = $1 AND on_hand - reserved >= $2 RETURNING sku",
                sku, qty)
        return done is not None
