"""Menu storage."""
from __future__ import annotations

from typing import Any

import asyncpg


class MenuRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def sections(self, restaurant_id: int) -> list[asyncpg.Record]:
        return await self._pool.fetch("SELECT id, name, items FROM menu_sections WHERE restaurant_id = $1",
                                      restaurant_id)

    async def banners(self, restaurant_id: int) -> list[dict[str, Any]]:
        rows = await self._pool.fetch("SELECT text FROM banners WHERE restaurant_id = $1", restaurant_id)
        return [dict(r) for r in rows]
