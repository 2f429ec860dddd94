from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Panel:
    id: int
    name: str
    archived: bool = False
    retired: bool = False


class PanelCache:
    def __init__(self, redis, ttl: int = 300) -> None:
        self._redis = redis
        self._ttl = ttl

    async def get(self, key: str) -> dict | None:
        return await self._redis.get(key)

    async def set(self, key: str, value: dict) -> None:
        await self._redis.set(key, value, ex=self._ttl)

    async def invalidate(self, panel_id: int) -> None:
        await self._redis.delete(f"panel:{panel_id}")


async def fetch_result(sample_id: str) -> dict:
    return {"sample": sample_id}


async def load_panel(panel_id: int) -> dict:
    return {"id": panel_id}
