"""Warehouse stock kept with raw SQL."""
import asyncpg


async def on_hand(conn: asyncpg.Connection, sku: str) -> int:
    return await conn.fetchval("SELECT quantity FROM stock_levels WHERE sku = $1", sku)


async def on_hand_locked(conn: asyncpg.Connection, sku: str) -> int:
    return await conn.fetchval("SELECT quantity FROM stock_levels WHERE sku = $1 FOR UPDATE", sku)


async def put_quantity(conn: asyncpg.Connection, sku: str, quantity: int) -> None:
    await conn.execute("UPDATE stock_levels SET quantity = $2 WHERE sku = $1", sku, quantity)
