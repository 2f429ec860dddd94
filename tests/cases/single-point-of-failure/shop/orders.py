"""Orders, on the replicated cluster (the DSN names both hosts)."""
from typing import Any

import asyncpg

from shop.settings import ORDERS_DSN

_pool: asyncpg.Pool | None = None


async def orders_pool() -> asyncpg.Pool:
    global _pool
    if _pool is None:
        _pool = await asyncpg.create_pool(ORDERS_DSN, min_size=1, max_size=10, command_timeout=10)
    return _pool


async def place_order(user_id: int, items: list[int]) -> dict[str, Any]:
    pool = await orders_pool()
    row = await pool.fetchrow(
        "INSERT INTO orders (user_id, items) VALUES ($1, $2) RETURNING id, status", user_id, items
    )
    return dict(row)
