"""Vehicle records, cached in redis for the dispatch screens."""
from __future__ import annotations

import json

from redis.asyncio import Redis


def _key(vehicle_id: int) -> str:
    return f"vehicle:{vehicle_id}"


class VehicleService:
    def __init__(self, repo, redis: Redis) -> None:
        self._repo = repo
        self._redis = redis

    async def get(self, vehicle_id: int) -> dict:
        raw = await self._redis.get(_key(vehicle_id))
        if raw:
            return json.loads(raw)
        row = await self._repo.fetch(vehicle_id)
        await self._redis.set(_key(vehicle_id), json.dumps(row), ex=600)
        return row

    async def retire(self, vehicle_id: int) -> None:
        await self._repo.update_columns(vehicle_id, status="retired")
        await self._redis.delete(_key(vehicle_id))

    async def reassign(self, vehicle_id: int, depot_id: int) -> dict:
        await self._repo.update_columns(vehicle_id, depot_id=depot_id)  # expect: cache-misuse
        return await self.get(vehicle_id)

    async def rename(self, vehicle_id: int, plate: str) -> None:
        # correct: the entry is dropped through the class's helper
        await self._repo.update_columns(vehicle_id, plate=plate)
        await self._forget(vehicle_id)

    async def refuel(self, vehicle_id: int, litres: float) -> None:
        # correct: the entry is rewritten with the new row
        await self._repo.update_columns(vehicle_id, fuel=litres)
        row = await self._repo.fetch(vehicle_id)
        await self._redis.set(_key(vehicle_id), json.dumps(row), ex=600)

    async def _forget(self, vehicle_id: int) -> None:
        await self._redis.delete(_key(vehicle_id))
