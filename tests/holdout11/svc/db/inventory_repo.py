"""Bin stock, products, movements, scans and cycle counts (asyncpg, raw SQL)."""
from __future__ import annotations

from datetime import datetime
from typing import Any

import asyncpg
from fastapi import HTTPException

from svc.db.connections import PgRepository, retry_serialization
from svc.errors import StockUnavailableError


class InventoryRepository(PgRepository):
    async def available_by_sku(self, skus: list[str]) -> dict[str, int]:
        async with self._conn() as conn:
            rows = await conn.fetch(
                "SELECT sku, SUM(qty - reserved) AS available FROM bin_stock "
                "WHERE sku = ANY($1::text[]) GROUP BY sku",
                skus,
            )
        return {row["sku"]: int(row["available"]) for row in rows}

    async def source_bins(self, skus: list[str]) -> dict[str, list[asyncpg.Record]]:
        """Reserve-rack bins holding free stock for each SKU, fullest first."""
        result: dict[str, list[asyncpg.Record]] = {}
        async with self._conn() as conn:
            for sku in skus:
                result[sku] = await conn.fetch(
                    "SELECT bin_id, qty - reserved AS free FROM bin_stock "
                    "WHERE sku = $1 AND qty > reserved ORDER BY free DESC LIMIT 5",
                    sku,
                )
        return result

    async def bin_quantity(self, bin_id: int, sku: str) -> int:
        async with self._conn() as conn:
            qty = await conn.fetchval("SELECT qty FROM bin_stock WHERE bin_id = $1 AND sku = $2", bin_id, sku)
        if qty is None:
            raise HTTPException(status_code=404, detail=f"{sku} is not stocked in bin {bin_id}")
        return int(qty)

    async def set_quantity(self, bin_id: int, sku: str, qty: int) -> None:
        async with self._conn() as conn:
            await conn.execute("UPDATE bin_stock SET qty = $3 WHERE bin_id = $1 AND sku = $2", bin_id, sku, qty)

    async def reserve(self, bin_id: int, sku: str, qty: int) -> bool:
        async with self._conn() as conn:
            row = await conn.fetchrow(
                "UPDATE bin_stock SET reserved = reserved + $3 "
                "WHERE bin_id = $1 AND sku = $2 AND qty - reserved >= $3 RETURNING reserved",
                bin_id, sku, qty,
            )
        return row is not None

    async def release_lines(self, lines: list[tuple[int, str, int]]) -> None:
        async with self._conn() as conn:
            await conn.executemany(
                "UPDATE bin_stock SET reserved = GREATEST(reserved - $3, 0) WHERE bin_id = $1 AND sku = $2",
                lines,
            )

    @retry_serialization()
    async def transfer(self, src: int, dst: int, sku: str, qty: int) -> None:
        async with self._conn() as conn, conn.transaction():
            await conn.fetch(
                "SELECT bin_id FROM bin_stock WHERE sku = $1 AND bin_id = ANY($2::int[]) "
                "ORDER BY bin_id FOR UPDATE",
                sku,
                [src, dst],
            )
            status = await conn.execute(
                "UPDATE bin_stock SET qty = qty - $3 WHERE bin_id = $1 AND sku = $2 AND qty - reserved >= $3",
                src, sku, qty,
            )
            if status == "UPDATE 0":
                raise StockUnavailableError(f"not enough free {sku} in bin {src}")
            await conn.execute(
                "INSERT INTO bin_stock (bin_id, sku, qty, reserved) VALUES ($1, $2, $3, 0) "
                "ON CONFLICT (bin_id, sku) DO UPDATE SET qty = bin_stock.qty + EXCLUDED.qty",
                dst, sku, qty,
            )
            await conn.executemany(
                "INSERT INTO inventory_movements (sku, bin_id, delta, reason) VALUES ($1, $2, $3, 'transfer')",
                [(sku, src, -qty), (sku, dst, qty)],
            )

    async def search_products(self, term: str, limit: int = 50) -> list[asyncpg.Record]:
        async with self._conn() as conn:
            return await conn.fetch(
                "SELECT sku, description, barcode FROM products "
                "WHERE description ILIKE '%' || $1 || '%' ORDER BY sku LIMIT $2",
                term, limit,
            )

    async def product_by_barcode(self, barcode: str) -> asyncpg.Record | None:
        async with self._conn() as conn:
            return await conn.fetchrow(
                "SELECT sku, description, weight_grams FROM products WHERE barcode = $1", barcode
            )

    async def movements_page(self, sku: str, page: int, size: int = 100) -> list[asyncpg.Record]:
        async with self._conn() as conn:
            return await conn.fetch(
                "SELECT id, bin_id, delta, reason, created_at FROM inventory_movements "
                "WHERE sku = $1 ORDER BY id DESC OFFSET $2 LIMIT $3",
                sku, page * size, size,
            )

    async def movements_before(self, sku: str, before_id: int, size: int = 100) -> list[asyncpg.Record]:
        async with self._conn() as conn:
            return await conn.fetch(
                "SELECT id, bin_id, delta, reason, created_at FROM inventory_movements "
                "WHERE sku = $1 AND id < $2 ORDER BY id DESC LIMIT $3",
                sku, before_id, size,
            )

    async def low_stock(self, limit: int) -> list[asyncpg.Record]:
        async with self._conn() as conn:
            return await conn.fetch(
                "SELECT bs.bin_id, bs.sku, bs.qty, p.reorder_point FROM bin_stock bs "
                "JOIN products p ON p.sku = bs.sku "
                "WHERE bs.qty < p.reorder_point LIMIT $1",
                limit,
            )

    async def bins_in_zone(self, zone: str) -> list[int]:
        async with self._conn() as conn:
            rows = await conn.fetch("SELECT id FROM bins WHERE zone = $1 ORDER BY pick_sequence", zone)
        return [row["id"] for row in rows]

    async def bins_due_for_count(self, cutoff: datetime, limit: int) -> list[asyncpg.Record]:
        async with self._conn() as conn:
            return await conn.fetch(
                "SELECT id, code, zone FROM bins "
                "WHERE last_counted_at IS NULL OR last_counted_at < $1 "
                "ORDER BY last_counted_at NULLS FIRST LIMIT $2",
                cutoff, limit,
            )

    async def schedule_counts(self, bin_ids: list[int]) -> int:
        async with self._conn() as conn:
            status = await conn.execute(
                "INSERT INTO cycle_counts (bin_id, sku, expected, status) "
                "SELECT bs.bin_id, bs.sku, bs.qty, 'scheduled' FROM bin_stock bs "
                "WHERE bs.bin_id = ANY($1::int[]) ON CONFLICT DO NOTHING",
                bin_ids,
            )
        return int(status.split()[-1])

    async def record_count(self, bin_id: int, sku: str, expected: int, counted: int, counted_by: str) -> None:
        conn = await self._pool.acquire(timeout=self._timeout)
        await conn.execute(
            "INSERT INTO cycle_counts (bin_id, sku, expected, counted, counted_by, status, counted_at) "
            "VALUES ($1, $2, $3, $4, $5, 'counted', now())",
            bin_id, sku, expected, counted, counted_by,
        )
        await conn.execute("UPDATE bins SET last_counted_at = now() WHERE id = $1", bin_id)
        await self._pool.release(conn)

    async def count_history(self, since: datetime) -> list[asyncpg.Record]:
        async with self._conn() as conn:
            return await conn.fetch(
                "SELECT b.zone, c.sku, c.counted - c.expected AS variance FROM cycle_counts c "
                "JOIN bins b ON b.id = c.bin_id WHERE c.counted_at >= $1",
                since,
            )

    async def create_replenishment_tasks(self, moves: list[tuple[str, int, int, int]]) -> None:
        async with self._conn() as conn:
            await conn.executemany(
                "INSERT INTO replenishment_tasks (sku, from_bin, to_bin, qty, status) VALUES ($1, $2, $3, $4, 'open')",
                moves,
            )

    async def log_scans(self, events: list[dict[str, Any]]) -> None:
        async with self._conn() as conn:
            await conn.executemany(
                "INSERT INTO scan_events (device_id, gtin, scanned_at) VALUES ($1, $2, to_timestamp($3))",
                [(event["device"], event["gtin"], event["ts"]) for event in events],
            )
