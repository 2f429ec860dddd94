"""Data access for the case: single-row getters and their batched forms."""
from __future__ import annotations

import asyncpg


class Repo:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def get_product(self, product_id: int):
        return await self.pool.fetchrow("SELECT id, name, price FROM products WHERE id = $1", product_id)

    async def get_products_by_ids(self, product_ids: list[int]):
        rows = await self.pool.fetch("SELECT id, name, price FROM products WHERE id = ANY($1::bigint[])", product_ids)
        return {row["id"]: row for row in rows}

    async def list_order_lines(self, order_id: int):
        return await self.pool.fetch("SELECT product_id, quantity FROM order_lines WHERE order_id = $1", order_id)

    async def insert_event(self, kind: str, payload: str) -> None:
        await self.pool.execute("INSERT INTO events (kind, payload) VALUES ($1, $2)", kind, payload)

    async def insert_events(self, rows: list[tuple[str, str]]) -> None:
        async with self.pool.acquire() as conn:
            await conn.executemany("INSERT INTO events (kind, payload) VALUES ($1, $2)", rows)

    async def count_by_status(self, status: str) -> int:
        return await self.pool.fetchval("SELECT count(*) FROM orders WHERE status = $1", status)

    async def products_page(self, ids: list[int]):
        return await self.pool.fetch("SELECT id FROM products WHERE id = ANY($1::bigint[])", ids)
