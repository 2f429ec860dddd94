"""Raw-SQL writes of media rows."""
from __future__ import annotations

from typing import Any

import asyncpg


class MediaRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def insert_one(self, row: tuple[Any, ...]) -> None:
        await self._conn.execute("INSERT INTO media (owner_id, name, size) VALUES ($1, $2, $3)", *row)

    async def insert_all(self, rows: list[tuple[Any, ...]]) -> None:
        await self._conn.executemany("INSERT INTO media (owner_id, name, size) VALUES ($1, $2, $3)", rows)
