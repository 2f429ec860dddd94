"""OpenSearch client used by the indexing worker and the search endpoint."""
from __future__ import annotations

import httpx

from docflow.config import get_settings
from docflow.utils.retry import CircuitBreaker, retry_async

INDEX = "docflow-documents"


class SearchClient:
    def __init__(self) -> None:
        self._client = httpx.AsyncClient(
            base_url=get_settings().search_url,
            timeout=httpx.Timeout(5.0, read=10.0),
        )
        self.breaker = CircuitBreaker("search", failure_threshold=5, reset_after=20.0)

    async def index_document(self, doc_id: str, body: dict) -> None:
        async def _put() -> None:
            r = await self._client.put(f"/{INDEX}/_doc/{doc_id}", json=body)
            r.raise_for_status()

        await retry_async(_put, attempts=5, retry_on=(httpx.TransportError, httpx.HTTPStatusError))

    async def bulk_index(self, ndjson: str) -> dict:
        r = await self._client.post(
            "/_bulk", content=ndjson, headers={"Content-Type": "application/x-ndjson"}
        )
        r.raise_for_status()
        return r.json()

    async def delete(self, doc_id: str) -> None:
        r = await self._client.delete(f"/{INDEX}/_doc/{doc_id}")
        if r.status_code not in (200, 404):
            r.raise_for_status()

    async def query(self, workspace_id: str, text: str, size: int = 20) -> list[dict]:
        async def _q() -> list[dict]:
            r = await self._client.post(
                f"/{INDEX}/_search",
                json={
                    "size": size,
                    "query": {
                        "bool": {
                            "filter": [{"term": {"workspace_id": workspace_id}}],
                            "must": [{"multi_match": {"query": text, "fields": ["title^3", "body"]}}],
                        }
                    },
                },
            )
            r.raise_for_status()
            return [hit["_source"] | {"score": hit["_score"]} for hit in r.json()["hits"]["hits"]]

        return await self.breaker.call(_q)

    async def aclose(self) -> None:
        await self._client.aclose()


search_client = SearchClient()
