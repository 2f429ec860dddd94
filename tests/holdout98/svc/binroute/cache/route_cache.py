from __future__ import annotations

import json
from datetime import date

import redis.asyncio as aioredis

ROUTE_TTL_S = 300


class RouteCache:
    def __init__(self, redis: aioredis.Redis) -> None:
        self.redis = redis

    @staticmethod
    def _key(depot_id: str, service_date: date) -> str:
        return f"routes:{depot_id}:{service_date.isoformat()}"

    async def get_plan(self, depot_id: str, service_date: date) -> list[dict] | None:
        raw = await self.redis.get(self._key(depot_id, service_date))
        return json.loads(raw) if raw else None

    async def put_plan(self, depot_id: str, service_date: date, plan: list[dict]) -> None:
        await self.redis.set(self._key(depot_id, service_date), json.dumps(plan), ex=ROUTE_TTL_S)

    async def invalidate_plan(self, depot_id: str, service_date: date) -> None:
        await self.redis.delete(self._key(depot_id, service_date))

    async def get_driver_manifest(self, truck_id: str, service_date: date) -> dict | None:
        raw = await self.redis.get(f"manifest:{truck_id}")
        return json.loads(raw) if raw else None

    async def put_driver_manifest(self, truck_id: str, service_date: date, manifest: dict) -> None:
        await self.redis.set(f"manifest:{truck_id}", json.dumps(manifest), ex=ROUTE_TTL_S)

    async def invalidate_route(self, route_id: int) -> None:
        await self.redis.delete(f"route:{route_id}:eta")
