"""Live driver positions in redis GEO sets, history in postgres."""
from __future__ import annotations

import time
from datetime import datetime

import asyncpg
import redis.asyncio as redis

from svc.utils.geo import Point

GEO_KEY = "drivers:geo"
SEEN_KEY = "drivers:last_seen"


class LocationRepository:
    def __init__(self, redis_client: redis.Redis, pool: asyncpg.Pool) -> None:
        self.redis = redis_client
        self.pool = pool

    async def update_position(self, driver_id: int, point: Point) -> None:
        async with self.redis.pipeline(transaction=False) as pipe:
            pipe.geoadd(GEO_KEY, (point.lng, point.lat, str(driver_id)))
            pipe.zadd(SEEN_KEY, {str(driver_id): time.time()})
            await pipe.execute()

    async def nearby(self, point: Point, radius_km: float, count: int) -> list[tuple[int, float]]:
        rows = await self.redis.geosearch(
            GEO_KEY,
            longitude=point.lng,
            latitude=point.lat,
            radius=radius_km,
            unit="km",
            sort="ASC",
            count=count,
            withdist=True,
        )
        return [(int(member), float(dist)) for member, dist in rows]

    async def position(self, driver_id: int) -> Point | None:
        result = await self.redis.geopos(GEO_KEY, str(driver_id))
        if not result or result[0] is None:
            return None
        lng, lat = result[0]
        return Point(lat=float(lat), lng=float(lng))

    async def stale_driver_ids(self, older_than_s: float) -> list[int]:
        cutoff = time.time() - older_than_s
        members = await self.redis.zrangebyscore(SEEN_KEY, "-inf", cutoff)
        return [int(m) for m in members]

    async def remove(self, driver_ids: list[int]) -> None:
        if not driver_ids:
            return
        members = [str(d) for d in driver_ids]
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.zrem(GEO_KEY, *members)
            pipe.zrem(SEEN_KEY, *members)
            await pipe.execute()

    async def append_history(self, rows: list[tuple[int, datetime, float, float, int | None, float | None]]) -> None:
        async with self.pool.acquire() as conn:
            await conn.executemany(
                "INSERT INTO driver_location_history (driver_id, recorded_at, lat, lng, heading, speed_kmh) "
                "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
                rows,
            )

    async def history(self, driver_id: int, start: datetime, end: datetime) -> list[asyncpg.Record]:
        async with self.pool.acquire() as conn:
            return await conn.fetch(
                "SELECT recorded_at, lat, lng FROM driver_location_history "
                "WHERE driver_id = $1 AND recorded_at BETWEEN $2 AND $3 ORDER BY recorded_at",
                driver_id,
                start,
                end,
            )
