"""Search service clients: ranking and suggestions share one service, feeds stream events."""
from __future__ import annotations

import json
from typing import AsyncIterator

import httpx

SEARCH_URL = "http://search:8080"

_ranking = httpx.AsyncClient(base_url=SEARCH_URL, timeout=None)
_suggest = httpx.AsyncClient(base_url=SEARCH_URL)
_feed = httpx.AsyncClient(base_url="http://feed:9000")


async def rank_products(query: str, product_ids: list[int]) -> list[int]:
    resp = await _ranking.post("/rank", json={"q": query, "ids": product_ids})  # expect: no-circuit-breaker
    resp.raise_for_status()
    return resp.json()["ids"]


async def suggestions(prefix: str) -> list[str]:
    resp = await _suggest.get("/suggest", params={"q": prefix})
    resp.raise_for_status()
    return resp.json()["items"]


async def price_events(shop_id: int) -> AsyncIterator[dict]:
    async with _feed.stream("GET", f"/shops/{shop_id}/prices", timeout=None) as resp:
        async for line in resp.aiter_lines():
            yield json.loads(line)
