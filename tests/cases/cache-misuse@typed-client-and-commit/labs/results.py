"""Lab results served through Redis, and test panels edited in the database."""
from __future__ import annotations

import json

import redis.asyncio as redis
from sqlalchemy.ext.asyncio import AsyncSession

from labs.store import Panel, PanelCache, fetch_result, load_panel

RESULT_TTL = 3600


class ResultService:
    def __init__(self, cache: redis.Redis) -> None:
        self._cache = cache

    async def result(self, sample_id: str) -> dict:
        key = f"result:{sample_id}"
        cached = await self._cache.get(key)
        if cached:
            return json.loads(cached)
        result = await fetch_result(sample_id)
        await self._cache.set(key, json.dumps(result))  # expect: cache-misuse
        return result

    async def final_result(self, sample_id: str) -> dict:
        key = f"result:final:{sample_id}"
        cached = await self._cache.get(key)
        if cached:
            return json.loads(cached)
        result = await fetch_result(sample_id)
        await self._cache.set(key, json.dumps(result), ex=RESULT_TTL)
        return result


class PanelLookup:
    """A project cache wrapper with its own default lifetime: not a bare Redis client."""

    def __init__(self, cache: PanelCache) -> None:
        self._cache = cache

    async def panel(self, panel_id: int) -> dict:
        cached = await self._cache.get(f"panel:{panel_id}")
        if cached:
            return cached
        panel = await load_panel(panel_id)
        await self._cache.set(f"panel:{panel_id}", panel)
        return panel


class PanelService:
    def __init__(self, session: AsyncSession, cache: PanelCache) -> None:
        self._session = session
        self._cache = cache

    async def rename(self, panel: Panel, name: str) -> None:
        panel.name = name
        await self._cache.invalidate(panel.id)  # expect: cache-misuse
        await self._session.commit()

    async def archive(self, panel: Panel) -> None:
        panel.archived = True
        await self._session.commit()
        await self._cache.invalidate(panel.id)

    async def retire(self, panel: Panel) -> None:
        await self._cache.delete(f"panel:{panel.id}")
        panel.retired = True
        await self._session.commit()
        await self._cache.delete(f"panel:{panel.id}")  # dropped again once committed
