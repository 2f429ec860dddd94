"""Client for the recommendation service."""
import logging
import uuid
from datetime import timedelta

import httpx
from aiobreaker import CircuitBreaker

from svc.config import Settings

logger = logging.getLogger(__name__)


class RecommendationsClient:
    def __init__(self, settings: Settings) -> None:
        self._client = httpx.AsyncClient(base_url=settings.recommendations_url)
        self._breaker = CircuitBreaker(fail_max=5, timeout_duration=timedelta(seconds=30))
        self._score_cache: dict[tuple[uuid.UUID, uuid.UUID], float] = {}

    async def aclose(self) -> None:
        await self._client.aclose()

    async def for_user(self, user_id: uuid.UUID, limit: int = 30) -> list[uuid.UUID]:
        return await self._breaker.call_async(self._fetch_for_user, user_id, limit)

    async def _fetch_for_user(self, user_id: uuid.UUID, limit: int) -> list[uuid.UUID]:
        resp = await self._client.get(f"/v1/users/{user_id}/recommendations", params={"limit": limit})
        resp.raise_for_status()
        return [uuid.UUID(v) for v in resp.json()["video_ids"]]

    async def related(self, video_id: uuid.UUID, limit: int = 12) -> list[uuid.UUID]:
        resp = await self._client.get(f"/v1/videos/{video_id}/related", params={"limit": limit})
        resp.raise_for_status()
        return [uuid.UUID(v) for v in resp.json()["video_ids"]]

    async def score(self, user_id: uuid.UUID, video_id: uuid.UUID) -> float:
        key = (user_id, video_id)
        if key in self._score_cache:
            return self._score_cache[key]
        resp = await self._client.get("/v1/score", params={"user": str(user_id), "video": str(video_id)})
        resp.raise_for_status()
        value = float(resp.json()["score"])
        self._score_cache[key] = value
        return value
