"""Courier records (asyncpg)."""
from __future__ import annotations

from datetime import datetime
from typing import Any

import asyncpg
from fastapi import HTTPException

from svc.db.stores import Database


class CourierRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, courier_id: int) -> dict[str, Any]:
        async with self._db.connection() as conn:
            row = await conn.fetchrow(
                "SELECT id, name, phone, zone, is_active FROM couriers WHERE id = $1", courier_id
            )
        if row is None:
            raise HTTPException(status_code=404, detail="courier not found")
        return dict(row)

    async def active_in_zone(self, zone: str) -> list[dict[str, Any]]:
        async with self._db.connection() as conn:
            rows = await conn.fetch(
                "SELECT id, name, phone FROM couriers WHERE zone = $1 AND is_active", zone
            )
        return [dict(r) for r in rows]

    async def claim_order(self, courier_id: int, order_id: int) -> bool:
        """Assign the courier unless somebody else already holds the order."""
        async with self._db.transaction() as conn:
            current = await conn.fetchrow(
                "SELECT courier_id, status FROM orders WHERE id = $1 FOR UPDATE", order_id
            )
            if current is None or current["courier_id"] is not None:
                return False
            await conn.execute(
                "UPDATE orders SET courier_id = $1, status = 'assigned', updated_at = now() WHERE id = $2",
                courier_id,
                order_id,
            )
        return True

    async def trail(self, courier_id: int, since: datetime) -> list[asyncpg.Record]:
        async with self._db.connection() as conn:
            return await conn.fetch(
                "SELECT order_id, kind, lat, lng, recorded_at FROM delivery_events "
                "WHERE courier_id = $1 AND recorded_at >= $2 ORDER BY recorded_at",
                courier_id,
                since,
            )

    async def order_trail(self, order_id: int) -> list[asyncpg.Record]:
        async with self._db.connection() as conn:
            return await conn.fetch(
                "SELECT courier_id, kind, lat, lng, recorded_at FROM delivery_events "
                "WHERE order_id = $1 ORDER BY recorded_at",
                order_id,
            )
