from __future__ import annotations

import json
from datetime import date
from typing import Any

from redis.asyncio import Redis

SUMMARY_TTL_SECONDS = 300


class SpendCache:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    def _summary_key(self, start: date, end: date, group_by: str) -> str:
        return f"spend:summary:{group_by}:{start.isoformat()}:{end.isoformat()}"

    async def get_summary(self, tenant_id: int, start: date, end: date, group_by: str) -> dict | None:
        raw = await self._redis.get(self._summary_key(start, end, group_by))
        return json.loads(raw) if raw else None

    async def set_summary(self, tenant_id: int, start: date, end: date, group_by: str, value: dict) -> None:
        await self._redis.set(self._summary_key(start, end, group_by), json.dumps(value, default=str), ex=SUMMARY_TTL_SECONDS)

    @staticmethod
    def _budgets_key(tenant_id: int) -> str:
        return f"budgets:list:{tenant_id}"

    async def get_budgets(self, tenant_id: int) -> list[dict[str, Any]] | None:
        raw = await self._redis.get(self._budgets_key(tenant_id))
        return json.loads(raw) if raw else None

    async def set_budgets(self, tenant_id: int, budgets: list[dict[str, Any]]) -> None:
        await self._redis.set(self._budgets_key(tenant_id), json.dumps(budgets, default=str))

    async def invalidate_budgets(self, tenant_id: int) -> None:
        await self._redis.delete(self._budgets_key(tenant_id))
