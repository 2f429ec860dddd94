from __future__ import annotations

import json
from typing import Any

from redis.asyncio import Redis

STANDINGS_TTL = 20
SCOREBOARD_TTL = 5


class BracketCache:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def get_bracket(self, tournament_id: int) -> dict[str, Any] | None:
        raw = await self._redis.get(f"bracket:{tournament_id}")
        return json.loads(raw) if raw else None

    async def put_bracket(self, tournament_id: int, payload: dict[str, Any]) -> None:
        await self._redis.set(f"bracket:{tournament_id}", json.dumps(payload))

    async def get_standings(self, tournament_id: int, round_no: int) -> list[dict[str, Any]] | None:
        raw = await self._redis.get(f"standings:{tournament_id}")
        return json.loads(raw) if raw else None

    async def put_standings(self, tournament_id: int, round_no: int, rows: list[dict[str, Any]]) -> None:
        await self._redis.set(f"standings:{tournament_id}", json.dumps(rows), ex=STANDINGS_TTL)

    async def get_scoreboard(self, match_id: int) -> dict[str, Any] | None:
        raw = await self._redis.get(f"scoreboard:{match_id}")
        return json.loads(raw) if raw else None

    async def put_scoreboard(self, match_id: int, payload: dict[str, Any]) -> None:
        await self._redis.set(f"scoreboard:{match_id}", json.dumps(payload), ex=SCOREBOARD_TTL)

    async def invalidate(self, *keys: str) -> None:
        if keys:
            await self._redis.delete(*keys)
