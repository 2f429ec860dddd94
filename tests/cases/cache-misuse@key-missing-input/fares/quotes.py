"""Fare quotes cached in redis between replicas."""
from __future__ import annotations

import json
import logging
from datetime import date
from typing import Any

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from . import repo

log = logging.getLogger(__name__)


class FareCache:
    def __init__(self, redis: Redis, ttl_s: int = 60) -> None:
        self._redis = redis
        self._ttl_s = ttl_s

    async def fare(self, session: AsyncSession, route_id: int, travel_day: date) -> dict[str, Any]:
        key = f"fare:{route_id}"  # expect: cache-misuse
        raw = await self._redis.get(key)
        if raw is not None:
            return json.loads(raw)
        fare = await repo.fare_for(session, route_id, travel_day)
        await self._redis.set(key, json.dumps(fare), ex=self._ttl_s)
        return fare

    async def fare_by_day(self, session: AsyncSession, route_id: int, travel_day: date) -> dict[str, Any]:
        day = travel_day.isoformat()
        key = f"fare:{route_id}:{day}"
        raw = await self._redis.get(key)
        if raw is not None:
            return json.loads(raw)
        fare = await repo.fare_for(session, route_id, travel_day)
        await self._redis.set(key, json.dumps(fare), ex=self._ttl_s)
        return fare

    async def zones(self, session: AsyncSession, route_id: int, refresh: bool = False, caller: str = "") -> list[int]:
        # `refresh` only decides whether to read the cache; `caller` is only logged
        key = f"zones:{route_id}"
        if not refresh:
            raw = await self._redis.get(key)
            if raw is not None:
                return json.loads(raw)
        log.info("zones for %s requested by %s", route_id, caller)
        zones = await repo.zones_of(session, route_id)
        await self._redis.set(key, json.dumps(zones), ex=self._ttl_s)
        return zones

    async def timetable(self, session: AsyncSession, route_id: int, bypass_cache: bool = False) -> list[str]:
        # the bypass skips the read and is handed on so the loader skips its own cache too
        key = f"timetable:{route_id}"
        if not bypass_cache:
            raw = await self._redis.get(key)
            if raw is not None:
                return json.loads(raw)
        times = await repo.timetable_of(session, route_id, skip_cache=bypass_cache)
        await self._redis.set(key, json.dumps(times), ex=self._ttl_s)
        return times

    async def ticket_pdf(self, sha256: str, bucket: str, path: str) -> bytes:
        # content-addressed: the digest names the bytes; bucket and path only say where they are
        raw = await self._redis.get(f"pdf:{sha256}")
        if raw is not None:
            return raw
        data = await repo.download(bucket, path)
        await self._redis.set(f"pdf:{sha256}", data, ex=self._ttl_s)
        return data

    async def ticket_preview(self, ticket_ref: str, bucket: str, path: str) -> bytes:
        key = f"preview:{ticket_ref}"  # expect: cache-misuse
        raw = await self._redis.get(key)
        if raw is not None:
            return raw
        data = await repo.download(bucket, path)
        await self._redis.set(key, data, ex=self._ttl_s)
        return data
