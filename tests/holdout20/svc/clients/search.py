"""Client for the full-text search cluster (Elasticsearch-compatible REST API)."""
from __future__ import annotations

from typing import Any

import httpx

from svc.clients.resilience import CircuitBreaker, transient_retry


class SearchClient:
    def __init__(self, base_url: str, index: str) -> None:
        self._index = index
        self._http = httpx.AsyncClient(
            base_url=base_url,
            timeout=httpx.Timeout(3.0, connect=1.0),
            limits=httpx.Limits(max_connections=50, max_keepalive_connections=20),
        )
        self._breaker = CircuitBreaker("search", failure_threshold=5, reset_timeout=30.0)

    async def aclose(self) -> None:
        await self._http.aclose()

    @transient_retry()
    async def index_ticket(self, doc: dict[str, Any]) -> None:
        response = await self._breaker.call(self._http.put, f"/{self._index}/_doc/{doc['id']}", json=doc)
        response.raise_for_status()

    async def delete_ticket(self, ticket_id: int) -> None:
        response = await self._breaker.call(self._http.delete, f"/{self._index}/_doc/{ticket_id}")
        if response.status_code != 404:
            response.raise_for_status()

    @transient_retry()
    async def query(self, org_id: int, text: str, limit: int) -> list[int]:
        query_body = {
            "size": limit,
            "_source": False,
            "query": {
                "bool": {
                    "filter": [{"term": {"org_id": org_id}}],
                    "must": [{"multi_match": {"query": text, "fields": ["subject^3", "body"]}}],
                }
            },
        }
        response = await self._breaker.call(self._http.post, f"/{self._index}/_search", json=query_body)
        response.raise_for_status()
        return [int(hit["_id"]) for hit in response.json()["hits"]["hits"]]

    @transient_retry()
    async def more_like_this(self, org_id: int, ticket_id: int, limit: int = 5) -> list[int]:
        body = {
            "size": limit,
            "_source": False,
            "query": {
                "bool": {
                    "filter": [{"term": {"org_id": org_id}}],
                    "must": [{"more_like_this": {"fields": ["subject", "body"], "like": [{"_id": str(ticket_id)}]}}],
                }
            },
        }
        response = await self._breaker.call(self._http.post, f"/{self._index}/_search", json=body)
        response.raise_for_status()
        return [int(hit["_id"]) for hit in response.json()["hits"]["hits"]]
