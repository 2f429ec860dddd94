from __future__ import annotations

from collections.abc import Sequence

import asyncpg


class SyndicationRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def partners_for(self, tenant_id: str) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch(
                "SELECT id, slug, endpoint, api_key, format FROM partners "
                "WHERE tenant_id = $1 AND active",
                tenant_id,
            )

    async def partner(self, partner_id: int) -> asyncpg.Record | None:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetchrow("SELECT * FROM partners WHERE id = $1", partner_id)

    async def enqueue(self, partner_ids: Sequence[int], article_id: int) -> None:
        async with self._pool.acquire(timeout=5) as conn:
            await conn.executemany(
                "INSERT INTO syndication_deliveries (partner_id, article_id) VALUES ($1, $2)",
                [(pid, article_id) for pid in partner_ids],
            )

    async def pending_for_partner(self, partner_id: int, limit: int = 100) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch(
                "SELECT id, article_id, attempts FROM syndication_deliveries "
                "WHERE partner_id = $1 AND status = 'pending' ORDER BY created_at LIMIT $2",
                partner_id,
                limit,
            )

    async def deliveries_for_article(self, article_id: int) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch(
                "SELECT d.id, p.slug, d.status, d.attempts, d.delivered_at "
                "FROM syndication_deliveries d JOIN partners p ON p.id = d.partner_id "
                "WHERE d.article_id = $1 ORDER BY d.created_at",
                article_id,
            )

    async def mark(self, delivery_id: int, status: str, error: str | None = None) -> None:
        async with self._pool.acquire(timeout=5) as conn:
            await conn.execute(
                "UPDATE syndication_deliveries SET status = $2, attempts = attempts + 1, last_error = $3, "
                "delivered_at = CASE WHEN $2 = 'delivered' THEN now() ELSE delivered_at END WHERE id = $1",
                delivery_id,
                status,
                error,
            )
