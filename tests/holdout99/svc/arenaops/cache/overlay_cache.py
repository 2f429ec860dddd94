from __future__ import annotations

import functools
import json
from typing import Any

from cachetools import TTLCache
from redis.asyncio import Redis

_local = TTLCache(maxsize=2048, ttl=2)


@functools.lru_cache(maxsize=None)
def overlay_fragment(match_id: int, score_a: int, score_b: int, team_a: str, team_b: str, theme: str) -> str:
    return (
        f'<div class="ov ov-{theme}" data-match="{match_id}">'
        f'<span class="a">{team_a}</span><b>{score_a}</b>'
        f'<b>{score_b}</b><span class="b">{team_b}</span></div>'
    )


class OverlayCache:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    def local_get(self, key: str) -> str | None:
        return _local.get(key)

    def local_put(self, key: str, html: str) -> None:
        _local[key] = html

    async def get_state(self, match_id: int) -> dict[str, Any] | None:
        raw = await self._redis.get(f"overlay:{match_id}")
        return json.loads(raw) if raw else None

    async def put_state(self, match_id: int, state: dict[str, Any]) -> None:
        await self._redis.set(f"overlay:{match_id}", json.dumps(state), ex=10)
