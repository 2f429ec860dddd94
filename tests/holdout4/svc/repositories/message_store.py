"""Hot-path message storage on the raw asyncpg pool."""
from __future__ import annotations

from typing import Any

import asyncpg

from svc.config import settings
from svc.utils.iterables import chunked

_HISTORY_COLUMNS = "id, channel_id, author_id, parent_id, body, edited, created_at"


class MessageStore:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def insert(self, channel_id: int, author_id: int, body: str, parent_id: int | None = None) -> dict[str, Any]:
        async with self._pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
            row = await conn.fetchrow(
                "INSERT INTO messages (channel_id, author_id, parent_id, body, search_vector) "
                "VALUES ($1, $2, $3, $4, to_tsvector('simple', $4)) "
                f"RETURNING {_HISTORY_COLUMNS}",
                channel_id,
                author_id,
                parent_id,
                body,
            )
        return dict(row)

    async def history(self, channel_id: int, before_id: int | None, limit: int) -> list[dict[str, Any]]:
        async with self._pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
            if before_id is None:
                rows = await conn.fetch(
                    f"SELECT {_HISTORY_COLUMNS} FROM messages WHERE channel_id = $1 ORDER BY id DESC LIMIT $2",
                    channel_id,
                    limit,
                )
            else:
                rows = await conn.fetch(
                    f"SELECT {_HISTORY_COLUMNS} FROM messages "
                    "WHERE channel_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3",
                    channel_id,
                    before_id,
                    limit,
                )
        return [dict(r) for r in rows]

    async def history_page(self, channel_id: int, page: int, size: int) -> list[dict[str, Any]]:
        async with self._pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
            rows = await conn.fetch(
                f"SELECT {_HISTORY_COLUMNS} FROM messages WHERE channel_id = $1 "
                "ORDER BY id DESC LIMIT $2 OFFSET $3",
                channel_id,
                size,
                page * size,
            )
        return [dict(r) for r in rows]

    async def search(self, channel_ids: list[int], query: str, limit: int) -> list[dict[str, Any]]:
        async with self._pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
            rows = await conn.fetch(
                f"SELECT {_HISTORY_COLUMNS} FROM messages "
                "WHERE channel_id = ANY($1::bigint[]) AND search_vector @@ plainto_tsquery('simple', $2) "
                "ORDER BY id DESC LIMIT $3",
                channel_ids,
                query,
                limit,
            )
        return [dict(r) for r in rows]

    async def resolve_mentions(self, handles: list[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        async with self._pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
            for handle in handles:
                row = await conn.fetchrow("SELECT id FROM users WHERE handle = $1", handle)
                if row is not None:
                    found[handle] = row["id"]
        return found

    async def users_by_ids(self, user_ids: list[int]) -> dict[int, dict[str, Any]]:
        out: dict[int, dict[str, Any]] = {}
        async with self._pool.acquire(timeout=settings.pg_acquire_timeout) as lookup_conn:
            for chunk in chunked(user_ids, 500):
                rows = await lookup_conn.fetch(
                    "SELECT id, handle, display_name FROM users WHERE id = ANY($1::bigint[])", list(chunk)
                )
                out.update({r["id"]: dict(r) for r in rows})
        return out

    async def unread_by_channel(self, user_id: int) -> dict[int, int]:
        async with self._pool.acquire() as conn:
            rows = await conn.fetch(
                "SELECT cm.channel_id, count(m.id) AS unread FROM channel_members cm "
                "JOIN messages m ON m.channel_id = cm.channel_id AND m.id > cm.last_read_id "
                "WHERE cm.user_id = $1 GROUP BY cm.channel_id",
                user_id,
            )
        return {r["channel_id"]: r["unread"] for r in rows}

    async def mark_read(self, channel_id: int, user_id: int, message_id: int) -> None:
        conn = await self._pool.acquire(timeout=settings.pg_acquire_timeout)
        await conn.execute(
            "UPDATE channel_members SET last_read_id = GREATEST(last_read_id, $3) "
            "WHERE channel_id = $1 AND user_id = $2",
            channel_id,
            user_id,
            message_id,
        )
        await self._pool.release(conn)
