"""Usage summaries per organisation."""
from __future__ import annotations

from datetime import date
from typing import Any

from usage.cache import UsageCache


class UsageService:
    def __init__(self, cache: UsageCache, repo: Any) -> None:
        self._cache = cache
        self._repo = repo

    async def summary(self, org_id: int, start: date, end: date) -> dict:
        cached = await self._cache.get_summary(org_id, start, end)
        if cached is not None:
            return cached
        value = await self._repo.summary(org_id, start, end)
        await self._cache.set_summary(org_id, start, end, value)
        return value

    async def quota(self, org_id: int) -> dict | None:
        return await self._cache.get_quota(org_id)  # the region is not passed: one entry per org is right
