"""Client for the video recommendation service: personal feeds go through a breaker, related videos do not."""
from __future__ import annotations

import httpx
from aiobreaker import CircuitBreaker

recs_breaker = CircuitBreaker(fail_max=5)


class RecsClient:
    def __init__(self, base_url: str) -> None:
        self._client = httpx.AsyncClient(base_url=base_url, timeout=2.0)

    @recs_breaker
    async def for_user(self, user_id: int) -> list[int]:
        resp = await self._client.get(f"/v1/users/{user_id}/recommendations")
        resp.raise_for_status()
        return [int(v) for v in resp.json()["video_ids"]]

    async def related(self, video_id: int) -> list[int]:
        resp = await self._client.get(f"/v1/videos/{video_id}/related")
        resp.raise_for_status()
        return [int(v) for v in resp.json()["video_ids"]]
