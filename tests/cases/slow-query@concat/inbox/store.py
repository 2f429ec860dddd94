"""Notice storage on the raw asyncpg pool; queries split across lines by implicit concatenation."""
from __future__ import annotations

from typing import Any

import asyncpg

_COLUMNS = "id, user_id, kind, body, created_at"


class NoticeStore:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def page(self, user_id: int, page: int, size: int) -> list[dict[str, Any]]:
        rows = await self._pool.fetch(
            f"SELECT {_COLUMNS} FROM notices WHERE user_id = $1 "
            "ORDER BY id DESC "
            "LIMIT $2 OFFSET $3",  # expect: slow-query
            user_id,
            size,
            page * size,
        )
        return [dict(r) for r in rows]

    async def of_kind(self, user_id: int, kind: str, skip: int) -> list[dict[str, Any]]:
        rows = await self._pool.fetch(
            "SELECT id, body FROM notices "
            "WHERE user_id = $1 AND kind = $2 "
            # newest first
            "ORDER BY id DESC OFFSET $3 LIMIT 50",  # expect: slow-query
            user_id,
            kind,
            skip,
        )
        return [dict(r) for r in rows]

    async def before(self, user_id: int, before_id: int, size: int) -> list[dict[str, Any]]:
        rows = await self._pool.fetch(
            f"SELECT {_COLUMNS} FROM notices "
            "WHERE user_id = $1 AND id < $2 "
            "ORDER BY id DESC LIMIT $3",
            user_id,
            before_id,
            size,
        )
        return [dict(r) for r in rows]

    async def first(self, user_id: int) -> dict[str, Any] | None:
        row = await self._pool.fetchrow(
            "SELECT id, body FROM notices WHERE user_id = $1 "
            "ORDER BY id LIMIT 1 OFFSET 0",
            user_id,
        )
        return dict(row) if row else None
