"""Clients for the recommendations service and the search cluster."""
from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
from aiobreaker import CircuitBreaker as AsyncCircuitBreaker
from pydantic import BaseModel

search_breaker = AsyncCircuitBreaker(fail_max=5, timeout_duration=timedelta(seconds=30), name="search")


class SearchHit(BaseModel):
    listing_id: int
    seller_id: int
    score: float


class RecommendationsClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def related(self, listing_id: int, limit: int = 8) -> list[int]:
        resp = await self._http.get(f"/v1/related/{listing_id}", params={"limit": limit})
        resp.raise_for_status()
        return [int(i) for i in resp.json()["listing_ids"]]


class SearchClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    @search_breaker
    async def query(self, q: str, *, category: str | None, size: int) -> list[SearchHit]:
        must: list[dict[str, Any]] = [{"multi_match": {"query": q, "fields": ["title^3", "description"]}}]
        if category is not None:
            must.append({"term": {"category": category}})
        body = {"size": size, "query": {"bool": {"must": must, "filter": [{"term": {"status": "active"}}]}}}
        resp = await self._http.post("/listings/_search", json=body)
        resp.raise_for_status()
        return [
            SearchHit(listing_id=int(h["_id"]), seller_id=int(h["_source"]["seller_id"]), score=float(h["_score"]))
            for h in resp.json()["hits"]["hits"]
        ]

    @search_breaker
    async def synonyms(self) -> dict[str, list[str]]:
        resp = await self._http.get("/_synonyms/listings")
        resp.raise_for_status()
        return {rule["id"]: rule["synonyms"].split(", ") for rule in resp.json()["synonyms_set"]}
