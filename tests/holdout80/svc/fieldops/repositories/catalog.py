from __future__ import annotations

from collections.abc import Sequence

import asyncpg

UPSERT_ITEM = """
INSERT INTO catalog_items (supplier_sku, description, cost, available, updated_at)
VALUES ($1, $2, $3, $4, now())
ON CONFLICT (supplier_sku) DO UPDATE
SET description = EXCLUDED.description, cost = EXCLUDED.cost,
    available = EXCLUDED.available, updated_at = now()
"""

PARTS_BY_SUPPLIER_SKU = """
SELECT id, account_id, sku, supplier_sku, unit_cost, list_price
FROM parts
WHERE supplier_sku = ANY($1::text[])
"""


class CatalogRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def upsert_items(self, rows: Sequence[tuple]) -> None:
        async with self._pool.acquire(timeout=10) as conn:
            async with conn.transaction():
                await conn.executemany(UPSERT_ITEM, rows)

    async def parts_for_skus(self, supplier_skus: list[str]) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=10) as conn:
            return await conn.fetch(PARTS_BY_SUPPLIER_SKU, supplier_skus)

    async def reprice_parts(self, updates: list[tuple[int, str]]) -> int:
        conn = await self._pool.acquire(timeout=10)
        await conn.executemany("UPDATE parts SET unit_cost = $2::numeric WHERE id = $1", updates)
        await self._pool.release(conn)
        return len(updates)

    async def item(self, supplier_sku: str) -> asyncpg.Record | None:
        async with self._pool.acquire(timeout=10) as conn:
            return await conn.fetchrow("SELECT * FROM catalog_items WHERE supplier_sku = $1", supplier_sku)
