"""Products and carts, read and written through the shop pool."""
from typing import Any

import asyncpg


class ProductRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def get(self, product_id: int) -> dict[str, Any] | None:
        row = await self.pool.fetchrow("SELECT id, name, price FROM products WHERE id = $1", product_id)
        return dict(row) if row else None

    async def search(self, term: str) -> list[dict[str, Any]]:
        rows = await self.pool.fetch("SELECT id, name, price FROM products WHERE name = $1 LIMIT 50", term)
        return [dict(r) for r in rows]

    async def add_to_cart(self, user_id: int, product_id: int) -> None:
        await self.pool.execute("INSERT INTO cart_items (user_id, product_id) VALUES ($1, $2)", user_id, product_id)
