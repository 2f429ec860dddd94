"""Client for the internal course recommender."""

from __future__ import annotations

import aiohttp

from svc.config import Settings


class RecommenderClient:
    def __init__(self, settings: Settings) -> None:
        self._base_url = settings.recommender_url.rstrip("/")
        self._session = aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=2.5, connect=0.5),
            raise_for_status=True,
        )

    async def for_user(self, user_id: int, limit: int = 12) -> list[int]:
        async with self._session.get(
            f"{self._base_url}/users/{user_id}/courses", params={"limit": limit}
        ) as resp:
            data = await resp.json()
        return [int(item["course_id"]) for item in data["items"]]

    async def related(self, course_id: int, limit: int = 6) -> list[int]:
        async with self._session.get(
            f"{self._base_url}/courses/{course_id}/related", params={"limit": limit}
        ) as resp:
            data = await resp.json()
        return [int(item["course_id"]) for item in data["items"]]

    async def close(self) -> None:
        await self._session.close()
