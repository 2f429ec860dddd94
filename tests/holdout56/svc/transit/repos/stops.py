"""Static stops and routes."""
from __future__ import annotations

import asyncpg

from transit.db.pool import Database
from transit.utils.geo import Point, bounding_box


class StopsRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def get_stop(self, stop_id: str) -> asyncpg.Record | None:
        return await self._db.fetchrow("SELECT stop_id, name, lat, lon, zone_id FROM stops WHERE stop_id = $1", stop_id)

    async def get_stops(self, stop_ids: list[str]) -> dict[str, asyncpg.Record]:
        rows = await self._db.fetch(
            "SELECT stop_id, name, lat, lon, zone_id FROM stops WHERE stop_id = ANY($1::text[])", stop_ids
        )
        return {r["stop_id"]: r for r in rows}

    async def nearby(self, center: Point, radius_m: float, limit: int = 25) -> list[asyncpg.Record]:
        min_lat, max_lat, min_lon, max_lon = bounding_box(center, radius_m)
        return await self._db.fetch(
            """
            SELECT stop_id, name, lat, lon FROM stops
             WHERE lat BETWEEN $1 AND $2 AND lon BETWEEN $3 AND $4
             LIMIT $5
            """,
            min_lat,
            max_lat,
            min_lon,
            max_lon,
            limit * 4,
        )

    async def search_prefix(self, text: str, limit: int = 20) -> list[asyncpg.Record]:
        return await self._db.fetch(
            "SELECT stop_id, name, lat, lon FROM stops WHERE lower(name) LIKE $1 ORDER BY name LIMIT $2",
            text.lower() + "%",
            limit,
        )

    async def routes(self) -> list[asyncpg.Record]:
        return await self._db.fetch("SELECT route_id, short_name, long_name, route_type, color FROM routes")

    async def stops_for_route(self, route_id: str) -> list[asyncpg.Record]:
        return await self._db.fetch(
            """
            SELECT s.stop_id, s.name, s.lat, s.lon, rs.stop_sequence
              FROM route_stops rs JOIN stops s ON s.stop_id = rs.stop_id
             WHERE rs.route_id = $1
             ORDER BY rs.stop_sequence
            """,
            route_id,
        )

    async def routes_serving(self, stop_id: str) -> list[str]:
        rows = await self._db.fetch("SELECT DISTINCT route_id FROM route_stops WHERE stop_id = $1", stop_id)
        return [r["route_id"] for r in rows]
