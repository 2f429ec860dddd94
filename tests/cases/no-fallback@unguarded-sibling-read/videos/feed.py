"""Home feed and watch page."""
from __future__ import annotations

import httpx
from aiobreaker import CircuitBreakerError

from .recs import RecsClient

TRENDING = [7, 8, 9]


class FeedService:
    def __init__(self, recs: RecsClient) -> None:
        self._recs = recs

    async def home(self, user_id: int) -> list[int]:
        try:
            return await self._recs.for_user(user_id)
        except (httpx.HTTPError, CircuitBreakerError):
            return TRENDING

    async def watch_page(self, video_id: int) -> dict:
        related = await self._recs.related(video_id)  # expect: no-fallback
        return {"id": video_id, "related": related}
