from __future__ import annotations

import json
from typing import Any

import redis.asyncio as redis

STOCK_TTL_SECONDS = 30


def stock_key(site_id: int, kind: str) -> str:
    return f"stock:{site_id}:{kind}"


class StockCache:
    def __init__(self, client: redis.Redis) -> None:
        self._redis = client

    async def get_levels(self, site_id: int, kind: str) -> dict[str, int] | None:
        raw = await self._redis.get(stock_key(site_id, kind))
        return json.loads(raw) if raw else None

    async def put_levels(self, site_id: int, kind: str, levels: dict[str, int]) -> None:
        await self._redis.setex(stock_key(site_id, kind), STOCK_TTL_SECONDS, json.dumps(levels))

    async def invalidate(self, site_id: int, kind: str) -> None:
        await self._redis.delete(stock_key(site_id, kind))

    async def reserve(self, site_id: int, kind: str, group: str, count: int) -> int:
        # Counter lives in a hash; HINCRBY is atomic on the server.
        return await self._redis.hincrby(f"reserved:{site_id}:{kind}", group, count)

    async def remember_readings(self, latest: dict[str, tuple[float, str]]) -> None:
        async with self._redis.pipeline(transaction=False) as pipe:
            for sensor_id, (celsius, at) in latest.items():
                pipe.hset(f"sensor-latest:{sensor_id}", mapping={"celsius": celsius, "at": at})
            await pipe.execute()

    async def publish_change(self, site_id: int, payload: dict[str, Any]) -> None:
        await self._redis.publish(f"stock-updates:{site_id}", json.dumps(payload))
