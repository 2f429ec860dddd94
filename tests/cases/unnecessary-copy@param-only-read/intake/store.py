"""Order persistence."""
from __future__ import annotations

from typing import Any

import asyncpg


class OrderStore:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def insert(self, shop: str, ref: str, lines: list[dict[str, Any]]) -> int:
        return await self._pool.fetchval("INSERT INTO orders (shop, ref, lines) VALUES ($1, $2, $3) RETURNING id",
                                         shop, ref, lines)

    async def replace(self, shop: str, ref: str, lines: list[dict[str, Any]]) -> int:
        return await self._pool.fetchval("UPDATE orders SET lines = $3 WHERE shop = $1 AND ref = $2 RETURNING id",
                                         shop, ref, lines)

    async def cancel(self, shop: str, ref: str) -> None:
        await self._pool.execute("UPDATE orders SET status = 'cancelled' WHERE shop = $1 AND ref = $2", shop, ref)

    async def tag(self, shop: str, ref: str, tags: list[str]) -> None:
        await self._pool.execute("UPDATE orders SET tags = $3 WHERE shop = $1 AND ref = $2", shop, ref, tags)
