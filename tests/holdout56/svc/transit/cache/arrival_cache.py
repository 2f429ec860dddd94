"""Stop arrival predictions and vehicle snapshots cached in redis."""
from __future__ import annotations

import json
import logging
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import RedisError

from transit.config import Settings
from transit.metrics import CACHE_ERRORS

logger = logging.getLogger(__name__)


def _arrivals_key(stop_id: str) -> str:
    return f"arrivals:v2:{stop_id}"


class ArrivalCache:
    def __init__(self, redis: Redis, ttl_s: int) -> None:
        self._redis = redis
        self._ttl_s = ttl_s

    async def get_arrivals(self, stop_id: str) -> list[dict[str, Any]] | None:
        raw = await self._redis.get(_arrivals_key(stop_id))
        return json.loads(raw) if raw else None

    async def get_many(self, stop_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
        if not stop_ids:
            return {}
        values = await self._redis.mget([_arrivals_key(s) for s in stop_ids])
        return {s: json.loads(v) for s, v in zip(stop_ids, values) if v}

    async def put_arrivals(self, stop_id: str, arrivals: list[dict[str, Any]]) -> None:
        await self._redis.set(_arrivals_key(stop_id), json.dumps(arrivals))

    async def put_many(self, by_stop: dict[str, list[dict[str, Any]]]) -> None:
        try:
            async with self._redis.pipeline(transaction=False) as pipe:
                for stop_id, arrivals in by_stop.items():
                    pipe.set(_arrivals_key(stop_id), json.dumps(arrivals), ex=self._ttl_s)
                await pipe.execute()
        except RedisError:
            CACHE_ERRORS.labels(op="put_many").inc()
            logger.warning("arrival cache write failed for %d stops", len(by_stop), exc_info=True)


class VehicleSnapshotCache:
    KEY = "vehicles:snapshot:{route_id}"

    def __init__(self, redis: Redis, ttl_s: int) -> None:
        self._redis = redis
        self._ttl_s = ttl_s

    async def store(self, route_id: str, vehicles: list[dict[str, Any]]) -> None:
        await self._redis.set(self.KEY.format(route_id=route_id), json.dumps(vehicles), ex=self._ttl_s)

    async def load(self, route_id: str) -> list[dict[str, Any]]:
        raw = await self._redis.get(self.KEY.format(route_id=route_id))
        return json.loads(raw) if raw else []

    async def publish(self, channel: str, message: dict[str, Any]) -> None:
        await self._redis.publish(channel, json.dumps(message))


def build_redis(settings: Settings) -> Redis:
    return Redis.from_url(
        settings.redis_url,
        socket_timeout=2.0,
        socket_connect_timeout=2.0,
        health_check_interval=30,
        max_connections=200,
    )
