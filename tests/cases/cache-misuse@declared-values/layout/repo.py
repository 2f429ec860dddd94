"""Warehouse layout queries."""
from __future__ import annotations

import asyncpg


class LayoutRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def aisle_bins(self, aisle: str) -> list[int]:
        rows = await self._pool.fetch("SELECT id FROM bins WHERE aisle = $1 ORDER BY position", aisle)
        return [row["id"] for row in rows]

    async def aisle_capacity(self, aisle: str) -> int:
        return await self._pool.fetchval("SELECT sum(capacity) FROM bins WHERE aisle = $1", aisle)

    async def zone_labels(self, zone: str) -> list[str]:
        rows = await self._pool.fetch("SELECT label FROM bins WHERE zone = $1", zone)
        return [row["label"] for row in rows]
