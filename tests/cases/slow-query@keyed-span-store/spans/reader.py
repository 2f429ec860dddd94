"""Span queries against an analytics store whose tables live outside this project."""
from __future__ import annotations

from typing import Any

import asyncpg


class SpanReader:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def steps_of(self, span_id: str) -> list[Any]:
        """One request's spans: the key equality finds them, the pattern only sorts them out."""
        return await self._pool.fetch(
            """
            SELECT * FROM span_events
            WHERE RequestId = $1
              AND (Phase = 'step' OR Phase LIKE '%.tool_call' OR ParentId = '')
            ORDER BY At LIMIT 200
            """,
            span_id,
        )

    async def search(self, term: str) -> list[Any]:
        return await self._pool.fetch(
            "SELECT * FROM span_events WHERE Phase LIKE '%' || $1 || '%' LIMIT 50",  # expect: slow-query
            term,
        )

    async def any_request(self, request_id: str, term: str) -> list[Any]:
        return await self._pool.fetch(
            "SELECT * FROM span_events WHERE RequestId = $1 OR Phase LIKE '%' || $2 LIMIT 50",  # expect: slow-query
            request_id, term,
        )
