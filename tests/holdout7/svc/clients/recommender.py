from __future__ import annotations

import logging

import httpx
from tenacity import AsyncRetrying, retry_if_exception_type, stop_after_attempt, wait_exponential

from svc.config import get_settings

log = logging.getLogger(__name__)
settings = get_settings()

_ranker = httpx.AsyncClient(base_url=settings.recommender_url, timeout=None)
_similar = httpx.AsyncClient(base_url=settings.recommender_url)


async def ranked_courses(user_id: int, candidates: list[int]) -> list[int]:
    response = await _ranker.post("/v1/rank", json={"user": user_id, "items": candidates})
    response.raise_for_status()
    return response.json()["items"]


async def similar_courses(course_id: int) -> list[int]:
    try:
        async for attempt in AsyncRetrying(
            stop=stop_after_attempt(3),
            wait=wait_exponential(multiplier=0.2, max=2),
            retry=retry_if_exception_type(httpx.TransportError),
            reraise=True,
        ):
            with attempt:
                response = await _similar.get(f"/v1/similar/{course_id}")
                response.raise_for_status()
                return response.json()["items"]
    except httpx.HTTPError:
        log.warning("similar-courses unavailable, serving empty list", extra={"course_id": course_id})
    return []


async def close_clients() -> None:
    await _ranker.aclose()
    await _similar.aclose()
