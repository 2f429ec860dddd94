"""Order storage."""
from __future__ import annotations

from typing import Any


class OrderRepository:
    def __init__(self, pool: Any) -> None:
        self._pool = pool

    async def find_by_phone(self, phone: str) -> list[dict[str, Any]]:
        async with self._pool.acquire() as conn:
            rows = await conn.fetch("SELECT id, status FROM orders WHERE customer_phone = $1", phone)
        return [dict(r) for r in rows]

    async def count_open(self) -> int:
        async with self._pool.acquire() as conn:
            return await conn.fetchval("SELECT count(*) FROM orders WHERE status = 'open'")
