"""Client for the course recommender."""
from __future__ import annotations

import aiohttp


class RecommenderClient:
    def __init__(self, base_url: str) -> None:
        self._base_url = base_url
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=2.5), raise_for_status=True)

    async def for_user(self, user_id: int) -> list[int]:
        async with self._session.get(f"{self._base_url}/users/{user_id}/courses") as resp:
            data = await resp.json()
        return [int(item["id"]) for item in data["items"]]

    async def related(self, course_id: int) -> list[int]:
        async with self._session.get(f"{self._base_url}/courses/{course_id}/related") as resp:
            data = await resp.json()
        return [int(item["id"]) for item in data["items"]]
