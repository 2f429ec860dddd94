import json
from typing import Any

import redis.asyncio as redis


class JsonCache:
    def __init__(self, client: redis.Redis) -> None:
        self._r = client

    async def get(self, key: str) -> Any | None:
        raw = await self._r.get(key)
        return json.loads(raw) if raw is not None else None

    async def set(self, key: str, value: Any, ttl: int | None = None) -> None:
        await self._r.set(key, json.dumps(value), ex=ttl)
