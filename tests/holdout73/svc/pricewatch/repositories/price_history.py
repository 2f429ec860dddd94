from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal

import asyncpg


class PriceHistoryRepository:
    """Raw SQL access to ``price_history`` (see db/ddl.py)."""

    def __init__(self, pool: asyncpg.Pool, acquire_timeout: float = 5.0) -> None:
        self._pool = pool
        self._acquire_timeout = acquire_timeout

    async def insert_point(
        self, product_id: int, retailer_id: int, price: Decimal, currency: str, in_stock: bool
    ) -> None:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            await conn.execute(
                "INSERT INTO price_history (product_id, retailer_id, price, currency, in_stock) "
                "VALUES ($1, $2, $3, $4, $5)",
                product_id, retailer_id, price, currency, in_stock,
            )

    async def latest_price(self, product_id: int) -> asyncpg.Record | None:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            return await conn.fetchrow(
                "SELECT price, currency, observed_at FROM price_history "
                "WHERE product_id = $1 ORDER BY observed_at DESC LIMIT 1",
                product_id,
            )

    async def latest_prices(self, product_ids: Sequence[int]) -> dict[int, asyncpg.Record]:
        if not product_ids:
            return {}
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            rows = await conn.fetch(
                "SELECT DISTINCT ON (product_id) product_id, price, currency, observed_at "
                "FROM price_history WHERE product_id = ANY($1::bigint[]) "
                "ORDER BY product_id, observed_at DESC",
                list(product_ids),
            )
        return {r["product_id"]: r for r in rows}

    async def get_series(self, product_id: int, since: datetime, limit: int = 2000) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            return await conn.fetch(
                "SELECT price, observed_at, in_stock FROM price_history "
                "WHERE product_id = $1 AND observed_at >= $2 "
                "ORDER BY observed_at DESC LIMIT $3",
                product_id, since, limit,
            )

    async def points_on_day(self, product_id: int, day: date) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            return await conn.fetch(
                "SELECT price, observed_at FROM price_history "
                "WHERE product_id = $1 AND date_trunc('day', observed_at) = $2::timestamptz "
                "ORDER BY observed_at",
                product_id, day,
            )

    async def lowest_since(self, product_id: int, since: datetime) -> Decimal | None:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            return await conn.fetchval(
                "SELECT min(price) FROM price_history WHERE product_id = $1 AND observed_at >= $2",
                product_id, since,
            )

    async def export_rows(self, product_id: int) -> list[tuple]:
        conn = await self._pool.acquire()
        rows = await conn.fetch(
            "SELECT observed_at, price, currency, in_stock FROM price_history "
            "WHERE product_id = $1 ORDER BY observed_at",
            product_id,
        )
        await self._pool.release(conn)
        return [tuple(r) for r in rows]

    async def delete_older_than(self, cutoff: datetime, batch: int = 5000) -> int:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            status = await conn.execute(
                "DELETE FROM price_history WHERE id IN ("
                " SELECT id FROM price_history WHERE observed_at < $1 LIMIT $2)",
                cutoff, batch,
            )
        return int(status.split()[-1])
