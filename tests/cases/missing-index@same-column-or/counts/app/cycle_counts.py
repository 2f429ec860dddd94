"""Which bins are due for a cycle count or an audit."""
from __future__ import annotations

from datetime import datetime

import asyncpg


class CycleCountQueries:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def due_for_count(self, cutoff: datetime, limit: int) -> list[asyncpg.Record]:
        return await self._pool.fetch(
            "SELECT id, code, zone FROM bins "
            "WHERE last_counted_at IS NULL OR last_counted_at < $1 "  # expect: missing-index
            "ORDER BY last_counted_at NULLS FIRST LIMIT $2",
            cutoff, limit,
        )

    async def due_for_audit(self, cutoff: datetime, limit: int) -> list[asyncpg.Record]:
        return await self._pool.fetch(
            "SELECT id, code FROM bins WHERE audited_at IS NULL OR audited_at < $1 LIMIT $2",
            cutoff, limit,
        )

    async def by_either_code(self, code: str, alias: str) -> list[asyncpg.Record]:
        return await self._pool.fetch("SELECT id, zone FROM bins WHERE code = $1 OR code = $2", code, alias)
