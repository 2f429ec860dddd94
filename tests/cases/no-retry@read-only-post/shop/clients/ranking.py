"""The ranking service: similar items (GET, retried) and personal ranking (POST of a read)."""
from __future__ import annotations

import asyncio

import httpx
from tenacity import AsyncRetrying, retry_if_exception_type, stop_after_attempt, wait_exponential

_http = httpx.AsyncClient(base_url="http://ranking.internal:8080", timeout=3.0)


async def similar_items(item_id: int) -> list[int]:
    async for attempt in AsyncRetrying(stop=stop_after_attempt(3), wait=wait_exponential(multiplier=0.2, max=2),
                                       retry=retry_if_exception_type(httpx.TransportError), reraise=True):
        with attempt:
            response = await _http.get(f"/v1/similar/{item_id}")
            response.raise_for_status()
            return response.json()["items"]
    return []


async def ranked_items(user_id: int, candidates: list[int]) -> list[int]:
    response = await _http.post("/v1/rank", json={"user": user_id, "items": candidates})  # expect: no-retry
    response.raise_for_status()
    return response.json()["items"]


async def item_title(item_id: int) -> str:
    for attempt in range(3):
        try:
            response = await _http.get(f"/v1/items/{item_id}/title")
            response.raise_for_status()
            return response.json()["title"]
        except httpx.TransportError:
            await asyncio.sleep(0.2 * 2**attempt)
    return ""
