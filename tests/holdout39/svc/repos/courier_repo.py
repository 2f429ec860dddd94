"""Couriers and telemetry via asyncpg (see db/ddl.py for the tables)."""
from __future__ import annotations

from datetime import datetime

import asyncpg

from svc.db.pg import connection


class CourierRepository:
    async def get(self, courier_id: int) -> asyncpg.Record | None:
        async with connection() as conn:
            return await conn.fetchrow("SELECT * FROM couriers WHERE id = $1", courier_id)

    async def by_phone(self, phone: str) -> asyncpg.Record | None:
        async with connection() as conn:
            return await conn.fetchrow("SELECT id, password_hash, salt FROM couriers WHERE phone = $1", phone)

    async def create(self, name: str, phone: str, password_hash: bytes, salt: bytes, zone: str) -> int:
        async with connection() as conn:
            return await conn.fetchval(
                "INSERT INTO couriers (name, phone, password_hash, salt, zone) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                name, phone, password_hash, salt, zone,
            )

    async def idle_in_zones(self, zones: list[str]) -> list[asyncpg.Record]:
        async with connection() as conn:
            return await conn.fetch(
                "SELECT id, last_lat, last_lon FROM couriers WHERE zone = ANY($1::text[]) AND status = 'idle'",
                zones,
            )

    async def get_many(self, courier_ids: list[int]) -> dict[int, asyncpg.Record]:
        async with connection() as conn:
            rows = await conn.fetch("SELECT * FROM couriers WHERE id = ANY($1::bigint[])", courier_ids)
        return {row["id"]: row for row in rows}

    async def claim_if_idle(self, courier_id: int) -> bool:
        async with connection() as conn:
            claimed = await conn.fetchval(
                "UPDATE couriers SET status = 'assigned' WHERE id = $1 AND status = 'idle' RETURNING id",
                courier_id,
            )
        return claimed is not None

    async def set_status(self, courier_id: int, status: str) -> None:
        async with connection() as conn:
            await conn.execute("UPDATE couriers SET status = $2 WHERE id = $1", courier_id, status)

    async def record_ping(self, courier_id: int, order_id: int | None, lat: float, lon: float, zone: str) -> None:
        async with connection() as conn:
            async with conn.transaction():
                await conn.execute(
                    "INSERT INTO courier_pings (courier_id, order_id, lat, lon) VALUES ($1, $2, $3, $4)",
                    courier_id, order_id, lat, lon,
                )
                await conn.execute(
                    "UPDATE couriers SET last_lat = $2, last_lon = $3, zone = $4, last_seen = now() WHERE id = $1",
                    courier_id, lat, lon, zone,
                )

    async def recent_pings(self, courier_id: int, since: datetime) -> list[asyncpg.Record]:
        async with connection() as conn:
            return await conn.fetch(
                "SELECT lat, lon, recorded_at FROM courier_pings WHERE courier_id = $1 AND recorded_at >= $2 "
                "ORDER BY recorded_at DESC LIMIT 50",
                courier_id, since,
            )

    async def pings_for_order(self, order_id: int) -> list[asyncpg.Record]:
        async with connection() as conn:
            return await conn.fetch(
                "SELECT lat, lon, recorded_at FROM courier_pings WHERE order_id = $1 ORDER BY recorded_at",
                order_id,
            )
