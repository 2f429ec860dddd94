"""Stock levels kept in postgres, read and written through a shared pool."""
import asyncpg

POOL: asyncpg.Pool | None = None


async def level(sku: str) -> int:
    return await POOL.fetchval("SELECT on_hand FROM stock WHERE sku = $1", sku)


async def store_level(sku: str, on_hand: int) -> None:
    await POOL.execute("UPDATE stock SET on_hand = $2 WHERE sku = $1", sku, on_hand)


async def add_level(sku: str, delta: int) -> None:
    await POOL.execute("UPDATE stock SET on_hand = on_hand + $2 WHERE sku = $1", sku, delta)
