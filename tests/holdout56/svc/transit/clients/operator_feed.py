"""Fetches GTFS-realtime protobuf feeds from operator endpoints."""
from __future__ import annotations

import logging
from dataclasses import dataclass

import httpx

from transit.config import FeedSource
from transit.utils.retry import CircuitBreaker

logger = logging.getLogger(__name__)


@dataclass
class FetchResult:
    source: FeedSource
    payload: bytes | None
    etag: str | None
    not_modified: bool = False
    retry_after_s: float | None = None


class OperatorFeedClient:
    def __init__(self) -> None:
        self._client = httpx.AsyncClient(
            timeout=httpx.Timeout(10.0, connect=3.0),
            limits=httpx.Limits(max_connections=20, max_keepalive_connections=10),
            headers={"Accept": "application/x-protobuf"},
        )
        self._breakers: dict[str, CircuitBreaker] = {}
        self._etags: dict[str, str] = {}

    def _breaker(self, source: FeedSource) -> CircuitBreaker:
        key = f"{source.operator}:{source.kind}"
        if key not in self._breakers:
            self._breakers[key] = CircuitBreaker(key, failure_threshold=3, reset_after_s=60)
        return self._breakers[key]

    async def fetch(self, source: FeedSource) -> FetchResult:
        headers = {}
        if source.api_key_header and source.api_key:
            headers[source.api_key_header] = source.api_key
        etag = self._etags.get(source.url)
        if etag:
            headers["If-None-Match"] = etag

        async def _get() -> httpx.Response:
            return await self._client.get(source.url, headers=headers)

        response = await self._breaker(source).call(_get)
        if response.status_code == 304:
            return FetchResult(source, None, etag, not_modified=True)
        if response.status_code == 429:
            retry_after = float(response.headers.get("Retry-After", "30"))
            return FetchResult(source, None, etag, retry_after_s=retry_after)
        response.raise_for_status()
        new_etag = response.headers.get("ETag")
        if new_etag:
            self._etags[source.url] = new_etag
        return FetchResult(source, response.content, new_etag)

    async def aclose(self) -> None:
        await self._client.aclose()
