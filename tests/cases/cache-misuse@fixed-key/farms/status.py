"""Dashboard status per farm, cached in Redis."""
from __future__ import annotations

import json
from typing import Any


class StatusService:
    def __init__(self, redis: Any, repo: Any) -> None:
        self._redis = redis
        self._repo = repo

    async def field_status(self, farm_id: int) -> list[dict]:
        cached = await self._redis.get("dashboard:field-status")  # expect: cache-misuse
        if cached:
            return json.loads(cached)
        rows = await self._repo.status_for_farm(farm_id)
        await self._redis.set("dashboard:field-status", json.dumps(rows), ex=60)
        return rows

    async def crop_catalogue(self, locale: str) -> list[dict]:
        cached = await self._redis.get("catalogue:crops")
        if cached:
            return json.loads(cached)
        rows = await self._repo.all_crops()
        await self._redis.set("catalogue:crops", json.dumps(rows), ex=3600)
        return rows
