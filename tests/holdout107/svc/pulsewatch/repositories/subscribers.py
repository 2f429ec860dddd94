from __future__ import annotations

from typing import Optional
from uuid import UUID

import asyncpg


class SubscriberRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def get_by_email(self, page_id: UUID, email: str) -> Optional[asyncpg.Record]:
        return await self._pool.fetchrow(
            "SELECT id, confirmed FROM subscribers WHERE page_id = $1 AND email = $2", page_id, email
        )

    async def insert(self, page_id: UUID, email: str, confirm_token: str, unsubscribe_token: str) -> asyncpg.Record:
        return await self._pool.fetchrow(
            """
            INSERT INTO subscribers (page_id, email, confirm_token, unsubscribe_token)
            VALUES ($1, $2, $3, $4)
            RETURNING id, page_id, email, confirmed
            """,
            page_id,
            email,
            confirm_token,
            unsubscribe_token,
        )

    async def confirm(self, token: str) -> Optional[asyncpg.Record]:
        return await self._pool.fetchrow(
            "UPDATE subscribers SET confirmed = true WHERE confirm_token = $1 RETURNING id, page_id, email",
            token,
        )

    async def unsubscribe(self, token: str) -> bool:
        result = await self._pool.execute("DELETE FROM subscribers WHERE unsubscribe_token = $1", token)
        return result == "DELETE 1"

    async def confirmed_for_page(self, page_id: UUID, after_id: Optional[UUID] = None, limit: int = 1000) -> list[asyncpg.Record]:
        if after_id is None:
            return await self._pool.fetch(
                """
                SELECT id, email, unsubscribe_token FROM subscribers
                 WHERE page_id = $1 AND confirmed ORDER BY id LIMIT $2
                """,
                page_id,
                limit,
            )
        return await self._pool.fetch(
            """
            SELECT id, email, unsubscribe_token FROM subscribers
             WHERE page_id = $1 AND confirmed AND id > $2 ORDER BY id LIMIT $3
            """,
            page_id,
            after_id,
            limit,
        )

    async def count_for_page(self, page_id: UUID) -> int:
        return await self._pool.fetchval("SELECT count(*) FROM subscribers WHERE page_id = $1 AND confirmed", page_id)
