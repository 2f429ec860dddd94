"""Category rows."""
from __future__ import annotations

import asyncpg


class CategoryRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def all_ordered(self) -> list[asyncpg.Record]:
        return await self._pool.fetch("SELECT slug, name, parent_slug, hidden FROM categories ORDER BY slug")
