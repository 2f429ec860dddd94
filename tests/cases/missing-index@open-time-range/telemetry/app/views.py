"""Reads over the page-view log."""
from __future__ import annotations

from datetime import datetime

import asyncpg


class ViewQueries:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def for_visitor_since(self, visitor_id: str, since: datetime) -> list[asyncpg.Record]:
        return await self._pool.fetch(
            "SELECT path, viewed_at FROM page_views "
            "WHERE visitor_id = $1 AND viewed_at >= $2 ORDER BY viewed_at LIMIT 500",  # expect: missing-index
            visitor_id, since,
        )

    async def for_visitor_in_window(self, visitor_id: str, start: datetime, end: datetime) -> list[asyncpg.Record]:
        return await self._pool.fetch(
            "SELECT path FROM page_views WHERE visitor_id = $1 AND viewed_at >= $2 AND viewed_at < $3 LIMIT 500",
            visitor_id, start, end,
        )

    async def for_site_since(self, site_id: int, since: datetime) -> list[asyncpg.Record]:
        return await self._pool.fetch(
            "SELECT path FROM page_views WHERE site_id = $1 AND viewed_at >= $2 LIMIT 500", site_id, since,
        )

    async def recent(self, since: datetime) -> list[asyncpg.Record]:
        return await self._pool.fetch("SELECT path FROM page_views WHERE viewed_at >= $1 LIMIT 500", since)
