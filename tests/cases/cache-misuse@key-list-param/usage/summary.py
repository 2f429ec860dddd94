"""Monthly usage summaries cached in redis."""
from __future__ import annotations

import json
from collections.abc import Sequence

from redis.asyncio import Redis


class Readings:
    async def consumption(self, meter_ids: Sequence[int], period: str) -> dict[int, float]:
        return {meter_id: 0.0 for meter_id in meter_ids}


class SummaryCache:
    def __init__(self, redis: Redis, readings: Readings) -> None:
        self._redis = redis
        self._readings = readings

    async def summary(self, meter_ids: list[int], period: str) -> dict:
        key = f"usage:{period}"  # expect: cache-misuse
        cached = await self._redis.get(key)
        if cached:
            return json.loads(cached)
        per_meter = await self._readings.consumption(meter_ids, period)
        await self._redis.set(key, json.dumps(per_meter), ex=300)
        return per_meter

    async def keyed_summary(self, meter_ids: list[int], period: str) -> dict:
        # look-alike: the meters are part of the key
        key = f"usage:{period}:{','.join(map(str, sorted(meter_ids)))}"
        cached = await self._redis.get(key)
        if cached:
            return json.loads(cached)
        per_meter = await self._readings.consumption(meter_ids, period)
        await self._redis.set(key, json.dumps(per_meter), ex=300)
        return per_meter

    async def labelled(self, labels: list[dict], period: str) -> dict:
        # look-alike: a list of objects is not a key part (only logged shapes of it reach the loader)
        key = f"labels:{period}"
        cached = await self._redis.get(key)
        if cached:
            return json.loads(cached)
        per_meter = await self._readings.consumption([], period)
        await self._redis.set(key, json.dumps({"n": len(labels), **per_meter}), ex=300)
        return per_meter
