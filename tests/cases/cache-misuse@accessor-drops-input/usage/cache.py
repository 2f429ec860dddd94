"""Redis-backed caches of usage summaries."""
from __future__ import annotations

import json
from datetime import date

from redis.asyncio import Redis


class UsageCache:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    def _summary_key(self, start: date, end: date) -> str:
        return f"usage:summary:{start.isoformat()}:{end.isoformat()}"  # expect: cache-misuse

    async def get_summary(self, org_id: int, start: date, end: date) -> dict | None:
        raw = await self._redis.get(self._summary_key(start, end))
        return json.loads(raw) if raw else None

    async def set_summary(self, org_id: int, start: date, end: date, value: dict) -> None:
        await self._redis.set(self._summary_key(start, end), json.dumps(value), ex=300)

    @staticmethod
    def _quota_key(org_id: int) -> str:
        return f"usage:quota:{org_id}"

    async def get_quota(self, org_id: int, region: str = "") -> dict | None:
        raw = await self._redis.get(self._quota_key(org_id))
        return json.loads(raw) if raw else None
