from __future__ import annotations

import logging

import httpx

from svc.config import Settings
from svc.utils.resilience import CircuitBreaker


log = logging.getLogger(__name__)


class SearchClient:
    """Thin client over the full-text search cluster."""

    def __init__(self, settings: Settings) -> None:
        self._index = settings.search_index
        self._http = httpx.AsyncClient(base_url=settings.search_url, timeout=settings.search_timeout)
        self.breaker = CircuitBreaker("search", failure_threshold=3, reset_after=15.0)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def query_posts(self, term: str, limit: int = 20) -> list[int]:
        body = {
            "query": {"multi_match": {"query": term, "fields": ["body", "hashtags^2"]}},
            "size": limit,
            "_source": False,
        }

        async def run() -> list[int]:
            resp = await self._http.post(f"/{self._index}/_search", json=body)
            resp.raise_for_status()
            return [int(hit["_id"]) for hit in resp.json()["hits"]["hits"]]

        return await self.breaker.call(run)

    async def index_post(self, post_id: int, doc: dict) -> None:
        resp = await self._http.put(f"/{self._index}/_doc/{post_id}", json=doc)
        resp.raise_for_status()

    async def delete_post(self, post_id: int) -> None:
        resp = await self._http.delete(f"/{self._index}/_doc/{post_id}")
        if resp.status_code not in (200, 404):
            resp.raise_for_status()
