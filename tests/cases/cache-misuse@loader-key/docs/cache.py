"""Read-through cache of folder listings; the caller supplies the loader."""
from __future__ import annotations

import json
from typing import Any, Awaitable, Callable

import redis.asyncio as redis

Loader = Callable[[], Awaitable[list[dict[str, Any]]]]


class ListingCache:
    def __init__(self, client: redis.Redis) -> None:
        self._redis = client

    async def listing(self, folder_id: int, include_archived: bool, loader: Loader) -> list[dict[str, Any]]:
        key = f"listing:{folder_id}"  # expect: cache-misuse
        raw = await self._redis.get(key)
        if raw is not None:
            return json.loads(raw)
        value = await loader()
        await self._redis.set(key, json.dumps(value), ex=120)
        return value

    async def shared_listing(self, folder_id: int, include_archived: bool, loader: Loader) -> list[dict[str, Any]]:
        key = f"listing:{folder_id}:{int(include_archived)}"
        raw = await self._redis.get(key)
        if raw is not None:
            return json.loads(raw)
        value = await loader()
        await self._redis.set(key, json.dumps(value), ex=120)
        return value

    async def counts(self, folder_id: int, ttl: int, loader: Loader) -> list[dict[str, Any]]:
        key = f"counts:{folder_id}"
        raw = await self._redis.get(key)
        if raw is not None:
            return json.loads(raw)
        value = await loader()
        await self._redis.set(key, json.dumps(value), ex=ttl)
        return value
