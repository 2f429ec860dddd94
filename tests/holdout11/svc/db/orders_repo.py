"""Orders, order lines and shipments (asyncpg, raw SQL)."""
from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

import asyncpg

from svc.db.connections import PgRepository


class OrderRepository(PgRepository):
    async def get_order(self, order_id: int) -> asyncpg.Record | None:
        async with self._conn() as conn:
            return await conn.fetchrow(
                "SELECT id, shop_id, external_ref, status, ship_to FROM orders WHERE id = $1", order_id
            )

    async def find_by_external_ref(self, external_ref: str) -> asyncpg.Record | None:
        async with self._conn() as conn:
            return await conn.fetchrow("SELECT id, shop_id, status FROM orders WHERE external_ref = $1", external_ref)

    async def insert_order(
        self, shop_id: str, external_ref: str, ship_to: dict[str, Any], lines: list[dict[str, Any]]
    ) -> int:
        async with self._conn() as conn, conn.transaction():
            order_id: int = await conn.fetchval(
                "INSERT INTO orders (shop_id, external_ref, status, ship_to) "
                "VALUES ($1, $2, 'new', $3::jsonb) RETURNING id",
                shop_id, external_ref, json.dumps(ship_to),
            )
            await conn.executemany(
                "INSERT INTO order_lines (order_id, sku, qty) VALUES ($1, $2, $3)",
                [(order_id, line["sku"], int(line["quantity"])) for line in lines],
            )
        return order_id

    async def cancel(self, order_id: int) -> bool:
        async with self._conn() as conn:
            status = await conn.execute(
                "UPDATE orders SET status = 'cancelled' WHERE id = $1 AND status IN ('new', 'allocated')",
                order_id,
            )
        return status == "UPDATE 1"

    async def lines_for_order(self, order_id: int) -> list[asyncpg.Record]:
        async with self._pool.acquire() as conn:
            return await conn.fetch("SELECT sku, qty FROM order_lines WHERE order_id = $1", order_id)

    async def lines_for_orders(self, order_ids: list[int]) -> dict[int, list[asyncpg.Record]]:
        async with self._conn() as conn:
            rows = await conn.fetch(
                "SELECT order_id, sku, qty, bin_id FROM order_lines WHERE order_id = ANY($1::bigint[])",
                order_ids,
            )
        grouped: dict[int, list[asyncpg.Record]] = defaultdict(list)
        for row in rows:
            grouped[row["order_id"]].append(row)
        return grouped

    async def orders_ready_for_wave(self, limit: int) -> list[asyncpg.Record]:
        async with self._conn() as conn:
            return await conn.fetch(
                "SELECT id, ship_to FROM orders WHERE status = 'allocated' AND wave_id IS NULL "
                "ORDER BY created_at LIMIT $1",
                limit,
            )

    async def order_ids_for_wave(self, wave_id: int) -> list[int]:
        async with self._conn() as conn:
            rows = await conn.fetch("SELECT id FROM orders WHERE wave_id = $1 ORDER BY id", wave_id)
        return [row["id"] for row in rows]

    async def assign_wave(self, wave_id: int, order_ids: list[int]) -> int:
        async with self._conn() as conn:
            status = await conn.execute(
                "UPDATE orders SET wave_id = $1, status = 'waved' "
                "WHERE id = ANY($2::bigint[]) AND wave_id IS NULL",
                wave_id, order_ids,
            )
        return int(status.split()[-1])

    async def mark_shipped(self, order_id: int) -> None:
        async with self._conn() as conn:
            await conn.execute("UPDATE orders SET status = 'shipped' WHERE id = $1 AND status <> 'shipped'", order_id)

    async def add_shipment(
        self, order_id: int, carrier: str, service: str, tracking_number: str, label_id: str
    ) -> int | None:
        async with self._conn() as conn:
            return await conn.fetchval(
                "INSERT INTO shipments (order_id, carrier, service, tracking_number, label_id) "
                "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tracking_number) DO NOTHING RETURNING id",
                order_id, carrier, service, tracking_number, label_id,
            )

    async def shipment_by_tracking(self, tracking_number: str) -> asyncpg.Record | None:
        async with self._conn() as conn:
            return await conn.fetchrow(
                "SELECT s.id, s.order_id, s.carrier, s.service, o.external_ref FROM shipments s "
                "JOIN orders o ON o.id = s.order_id WHERE s.tracking_number = $1",
                tracking_number,
            )

    async def unmanifested(self, carrier: str) -> list[asyncpg.Record]:
        async with self._conn() as conn:
            return await conn.fetch(
                "SELECT id, label_id FROM shipments WHERE carrier = $1 AND manifest_id IS NULL", carrier
            )

    async def mark_manifested(self, shipment_ids: list[int], manifest_id: str) -> None:
        async with self._conn() as conn:
            await conn.execute(
                "UPDATE shipments SET manifest_id = $1 WHERE id = ANY($2::bigint[])", manifest_id, shipment_ids
            )
