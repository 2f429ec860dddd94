"""Player rows, read through a pool accessor typed `Any`."""
from __future__ import annotations

from typing import Any

import asyncpg


class PlayerRepo:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    def _conn(self) -> Any:
        return self._pool.acquire(timeout=2.0)

    async def name_of(self, player_id: int) -> str | None:
        async with self._conn() as conn:
            return await conn.fetchval("SELECT name FROM players WHERE id = $1", player_id)

    async def names_of(self, player_ids: list[int]) -> dict[int, str]:
        async with self._conn() as conn:
            rows = await conn.fetch("SELECT id, name FROM players WHERE id = ANY($1::bigint[])", player_ids)
        return {row["id"]: row["name"] for row in rows}
