"""Redis-backed caches in front of the fleet database."""
from __future__ import annotations

import json

from redis.asyncio import Redis


class EtaCache:
    def __init__(self, redis: Redis, ttl_s: int) -> None:
        self._redis = redis
        self._ttl_s = ttl_s

    async def load_eta(self, depot: str) -> dict | None:
        raw = await self._redis.get(f"eta:{depot}")
        return json.loads(raw) if raw else None

    async def store_eta(self, depot: str, eta: dict) -> None:
        await self._redis.set(f"eta:{depot}", json.dumps(eta))  # expect: cache-misuse


class DriverCache:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def get_profile(self, driver_id: int) -> dict | None:
        found = await self._redis.hgetall(f"driver:{driver_id}")
        return found or None

    async def set_profile(self, driver_id: int, profile: dict) -> None:
        await self._redis.hset(f"driver:{driver_id}", mapping=profile)  # expect: cache-misuse


class RouteCache:
    def __init__(self, redis: Redis, ttl_s: int) -> None:
        self._redis = redis
        self._ttl_s = ttl_s

    async def get_route(self, route_id: int) -> dict | None:
        raw = await self._redis.get(f"route:{route_id}")
        return json.loads(raw) if raw else None

    async def put_route(self, route_id: int, route: dict) -> None:
        await self._redis.set(f"route:{route_id}", json.dumps(route), ex=self._ttl_s)
