"""Course pages: recommendations degrade to the newest courses when the recommender is down."""
from __future__ import annotations

import logging

import aiohttp

from .recommender import RecommenderClient

log = logging.getLogger(__name__)
NEWEST = [1, 2, 3]


class CourseService:
    def __init__(self, recommender: RecommenderClient) -> None:
        self._recommender = recommender

    async def recommended_for(self, user_id: int) -> list[int]:
        try:
            return await self._recommender.for_user(user_id)
        except (aiohttp.ClientError, TimeoutError):
            log.warning("recommender unavailable, serving newest courses")
            return NEWEST

    async def detail(self, course_id: int) -> dict:
        related = await self._recommender.related(course_id)  # expect: no-fallback
        return {"id": course_id, "related": related}
