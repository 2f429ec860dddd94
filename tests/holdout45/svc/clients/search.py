"""Client for the search cluster (OpenSearch-compatible REST API)."""
from __future__ import annotations

import logging
from typing import Any

import httpx

from ..config import Settings

log = logging.getLogger(__name__)


class SearchUnavailable(RuntimeError):
    pass


class SearchClient:
    def __init__(self, settings: Settings) -> None:
        self._base = settings.search_url
        self._timeout = settings.search_timeout

    def _index(self, tenant_id: str) -> str:
        return f"articles-{tenant_id}"

    async def query(self, tenant_id: str, text: str, size: int = 20) -> list[dict[str, Any]]:
        body = {
            "size": size,
            "query": {"multi_match": {"query": text, "fields": ["title^3", "standfirst^2", "body"]}},
        }
        async with httpx.AsyncClient(base_url=self._base, timeout=self._timeout) as client:
            resp = await client.post(f"/{self._index(tenant_id)}/_search", json=body)
        try:
            resp.raise_for_status()
        except httpx.HTTPStatusError as exc:
            raise SearchUnavailable(f"search returned {exc.response.status_code}")
        return [hit["_source"] for hit in resp.json()["hits"]["hits"]]

    async def index_document(self, client: httpx.AsyncClient, tenant_id: str, doc: dict) -> None:
        resp = await client.put(f"{self._base}/{self._index(tenant_id)}/_doc/{doc['id']}", json=doc)
        resp.raise_for_status()

    async def delete_document(self, client: httpx.AsyncClient, tenant_id: str, article_id: int) -> None:
        resp = await client.delete(f"{self._base}/{self._index(tenant_id)}/_doc/{article_id}")
        if resp.status_code not in (200, 404):
            resp.raise_for_status()

    async def bulk(self, client: httpx.AsyncClient, tenant_id: str, docs: list[dict]) -> None:
        lines: list[str] = []
        import json

        for doc in docs:
            lines.append(json.dumps({"index": {"_index": self._index(tenant_id), "_id": doc["id"]}}))
            lines.append(json.dumps(doc))
        resp = await client.post(
            f"{self._base}/_bulk",
            content="\n".join(lines) + "\n",
            headers={"content-type": "application/x-ndjson"},
        )
        resp.raise_for_status()
