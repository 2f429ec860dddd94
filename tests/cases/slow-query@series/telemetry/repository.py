"""asyncpg queries over samples, order lines and accounts."""
from __future__ import annotations

from datetime import datetime

import asyncpg

_CHANNEL_SQL = "SELECT taken_at, value FROM samples WHERE sensor_id = $1 AND channel = $2 ORDER BY taken_at"  # expect: slow-query


class Repository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def export(self, sensor_id: int) -> list[asyncpg.Record]:
        return await self._pool.fetch("SELECT * FROM samples WHERE sensor_id = $1 ORDER BY taken_at", sensor_id)  # expect: slow-query

    async def channel(self, sensor_id: int, channel: str) -> list[asyncpg.Record]:
        return await self._pool.fetch(_CHANNEL_SQL, sensor_id, channel)

    async def window(self, sensor_id: int, start: datetime, end: datetime) -> list[asyncpg.Record]:
        return await self._pool.fetch(
            "SELECT taken_at, value FROM samples WHERE sensor_id = $1 AND taken_at >= $2 AND taken_at < $3 "
            "ORDER BY taken_at",
            sensor_id, start, end,
        )

    async def latest(self, sensor_id: int, limit: int) -> list[asyncpg.Record]:
        return await self._pool.fetch(
            "SELECT taken_at, value FROM samples WHERE sensor_id = $1 ORDER BY taken_at DESC LIMIT $2", sensor_id, limit
        )

    async def one_sample(self, sensor_id: int, taken_at: datetime, channel: str) -> list[asyncpg.Record]:
        return await self._pool.fetch(
            "SELECT * FROM samples WHERE sensor_id = $1 AND taken_at = $2 AND channel = $3", sensor_id, taken_at, channel
        )

    async def averages(self, sensor_id: int) -> list[asyncpg.Record]:
        return await self._pool.fetch(
            "SELECT channel, avg(value) FROM samples WHERE sensor_id = $1 GROUP BY channel", sensor_id
        )

    async def order_lines(self, order_id: int) -> list[asyncpg.Record]:
        return await self._pool.fetch("SELECT line_no, sku, qty FROM order_lines WHERE order_id = $1", order_id)

    async def account(self, account_id: int) -> asyncpg.Record | None:
        return await self._pool.fetchrow("SELECT * FROM accounts WHERE id = $1", account_id)

    async def account_by_slug(self, slug: str) -> asyncpg.Record | None:
        return await self._pool.fetchrow("SELECT * FROM accounts WHERE slug = $1", slug)

    async def accounts_in(self, region: str) -> list[asyncpg.Record]:
        # a page of a table no query reads by named columns: nothing says callers want fewer
        return await self._pool.fetch("SELECT * FROM accounts WHERE region = $1 LIMIT 50", region)

    async def document_info(self, document_id: int) -> asyncpg.Record | None:
        return await self._pool.fetchrow("SELECT * FROM documents WHERE id = $1", document_id)  # expect: slow-query

    async def replay(self, sensor_id: int) -> list[asyncpg.Record]:
        """Used by the nightly job only, never on a request."""
        return await self._pool.fetch("SELECT taken_at, value FROM samples WHERE sensor_id = $1", sensor_id)
