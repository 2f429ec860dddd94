"""Position ingestion and live fan-out."""
from __future__ import annotations

import asyncio
import json
import logging
from datetime import datetime, timedelta, timezone

import redis.asyncio as redis
from redis.exceptions import RedisError

from freightline.metrics import POSITIONS_INGESTED
from freightline.repositories.positions import PositionRepository
from freightline.utils.geo import Fix, drop_stale, is_first_ping, thin_track
from freightline.ws.hub import TrackingHub

logger = logging.getLogger(__name__)

MAX_CLOCK_SKEW = timedelta(minutes=5)


class TrackingService:
    def __init__(self, positions: PositionRepository, hub: TrackingHub, redis_client: redis.Redis) -> None:
        self._positions = positions
        self._hub = hub
        self._redis = redis_client

    async def ingest(self, fixes: list[Fix]) -> int:
        if not fixes:
            return 0
        now = datetime.now(timezone.utc)
        fixes = drop_stale(fixes, now + MAX_CLOCK_SKEW)
        truck_ids = sorted({f.truck_id for f in fixes})
        assignments = await self._positions.assignments(truck_ids)
        stored = await self._positions.insert_many(fixes, assignments)
        for source in {f.source for f in fixes}:
            POSITIONS_INGESTED.labels(source).inc(sum(1 for f in fixes if f.source == source))

        latest: dict[str, Fix] = {}
        for fix in fixes:
            current = latest.get(fix.truck_id)
            if current is None or fix.recorded_at > current.recorded_at:
                latest[fix.truck_id] = fix

        pipe = self._redis.pipeline(transaction=False)
        for truck_id, fix in latest.items():
            if is_first_ping(truck_id):
                logger.info("first position from truck %s", truck_id)
            load_id = assignments.get(truck_id)
            if load_id is None:
                continue
            message = {
                "type": "position",
                "load_id": load_id,
                "lat": fix.lat,
                "lon": fix.lon,
                "speed_mph": fix.speed_mph,
                "recorded_at": fix.recorded_at.isoformat(),
            }
            asyncio.create_task(self._hub.publish(load_id, message))
            pipe.set(f"truck:last:{truck_id}", json.dumps(message), ex=3600)
        try:
            await pipe.execute()
        except RedisError:
            pass
        return stored

    async def last_known(self, truck_id: str) -> dict | None:
        try:
            cached = await self._redis.get(f"truck:last:{truck_id}")
        except RedisError as exc:
            logger.warning("redis unavailable (%s) for last position of %s, using database", exc, truck_id)
            cached = None
        if cached:
            return json.loads(cached)
        row = await self._positions.latest_for_truck(truck_id)
        if row is None:
            return None
        return {"lat": row["lat"], "lon": row["lon"], "recorded_at": row["recorded_at"].isoformat()}

    async def replay(self, load_id: int, since: datetime | None = None) -> list[dict]:
        rows = await self._positions.track_for_load(load_id, since)
        fixes = [
            Fix(truck_id="", lat=r["lat"], lon=r["lon"], recorded_at=r["recorded_at"], speed_mph=r["speed_mph"])
            for r in rows
        ]
        return [
            {"lat": f.lat, "lon": f.lon, "recorded_at": f.recorded_at.isoformat()}
            for f in thin_track(fixes)
        ]
