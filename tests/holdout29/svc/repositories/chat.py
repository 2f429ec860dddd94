"""Classroom chat history."""

from __future__ import annotations

import asyncpg


class ChatRepository:
    def __init__(self, pool: asyncpg.Pool, acquire_timeout: float) -> None:
        self._pool = pool
        self._acquire_timeout = acquire_timeout

    async def insert(self, room_id: str, user_id: int, body: str) -> int:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            return await conn.fetchval(
                "INSERT INTO chat_messages (room_id, user_id, body) VALUES ($1, $2, $3) RETURNING id",
                room_id,
                user_id,
                body,
            )

    async def recent(self, room_id: str, before_id: int | None, limit: int = 50) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            if before_id is None:
                return await conn.fetch(
                    "SELECT id, user_id, body, created_at FROM chat_messages "
                    "WHERE room_id = $1 ORDER BY id DESC LIMIT $2",
                    room_id,
                    limit,
                )
            return await conn.fetch(
                "SELECT id, user_id, body, created_at FROM chat_messages "
                "WHERE room_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3",
                room_id,
                before_id,
                limit,
            )

    async def transcript_page(self, room_id: str, page: int, page_size: int = 500) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            return await conn.fetch(
                "SELECT id, user_id, body, created_at FROM chat_messages WHERE room_id = $1 ORDER BY id LIMIT $2 OFFSET $3",
                room_id,
                page_size,
                page * page_size,
            )
