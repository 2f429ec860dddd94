from __future__ import annotations

from typing import Any

import asyncpg


class PostStore:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def newest_on_board(self, board_id: int, limit: int) -> list[dict[str, Any]]:
        rows = await self._pool.fetch(
            "SELECT id, title, published_at FROM posts "
            "WHERE board_id = $1 ORDER BY published_at DESC LIMIT $2",  # expect: missing-index
            board_id,
            limit,
        )
        return [dict(r) for r in rows]

    async def by_author(self, author_id: int, since: Any, limit: int) -> list[dict[str, Any]]:
        rows = await self._pool.fetch(
            "SELECT id, title FROM posts "
            "WHERE author_id = $1 AND created_at >= $2 ORDER BY created_at DESC LIMIT $3",
            author_id,
            since,
            limit,
        )
        return [dict(r) for r in rows]

    async def board_page(self, board_id: int, before_id: int, limit: int) -> list[dict[str, Any]]:
        rows = await self._pool.fetch(
            "SELECT id, title FROM posts WHERE board_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3",
            board_id,
            before_id,
            limit,
        )
        return [dict(r) for r in rows]

    async def by_slug(self, board_id: int, slug: str) -> dict[str, Any] | None:
        row = await self._pool.fetchrow(
            "SELECT id, title FROM posts WHERE board_id = $1 AND slug = $2 ORDER BY published_at DESC LIMIT 1",
            board_id,
            slug,
        )
        return dict(row) if row else None

    async def boards_digest(self, board_ids: list[int], limit: int) -> list[dict[str, Any]]:
        rows = await self._pool.fetch(
            "SELECT id, title FROM posts WHERE board_id = ANY($1::bigint[]) ORDER BY published_at DESC LIMIT $2",
            board_ids,
            limit,
        )
        return [dict(r) for r in rows]
