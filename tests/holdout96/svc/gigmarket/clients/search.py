from __future__ import annotations

import logging
from typing import Any

import httpx

from ..errors import SearchUnavailable
from ..settings import Settings

logger = logging.getLogger(__name__)

JOBS_INDEX = "jobs-v3"


class SearchClient:
    """Thin client over the search engine's REST API."""

    def __init__(self, settings: Settings) -> None:
        self._http = httpx.AsyncClient(base_url=settings.search_url, timeout=None)

    async def close(self) -> None:
        await self._http.aclose()

    async def search_jobs(self, text: str, category: str | None, size: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        must: list[dict[str, Any]] = [{"multi_match": {"query": text, "fields": ["title^3", "description"]}}]
        if category:
            must.append({"term": {"category": category}})
        body = {"query": {"bool": {"must": must, "filter": [{"term": {"status": "open"}}]}}, "size": size, "from": offset}
        try:
            resp = await self._http.post(f"/{JOBS_INDEX}/_search", json=body)
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            raise SearchUnavailable(str(exc)) from exc
        return [hit["_source"] | {"id": int(hit["_id"])} for hit in resp.json()["hits"]["hits"]]

    async def index_job(self, job: dict[str, Any]) -> None:
        resp = await self._http.put(f"/{JOBS_INDEX}/_doc/{job['id']}", json=job)
        resp.raise_for_status()

    async def delete_job(self, job_id: int) -> None:
        resp = await self._http.delete(f"/{JOBS_INDEX}/_doc/{job_id}")
        if resp.status_code not in (200, 404):
            resp.raise_for_status()
