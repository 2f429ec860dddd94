from __future__ import annotations

import logging
from typing import Any

import httpx

from ..errors import FeedError
from ..utils.retry import CircuitBreaker, CircuitOpen, with_retries

log = logging.getLogger(__name__)


class HospitalFeedClient:
    """Regional EMS diversion-status feed."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http
        self._breaker = CircuitBreaker("hospital-feed", threshold=3, reset_after=60.0)

    async def _fetch(self, etag: str | None) -> httpx.Response:
        headers = {"if-none-match": etag} if etag else {}
        resp = await self._http.get("/status", headers=headers)
        if resp.status_code >= 500:
            resp.raise_for_status()
        return resp

    async def fetch_diversions(self, etag: str | None = None) -> tuple[list[dict[str, Any]] | None, str | None]:
        try:
            resp = await self._breaker.call(lambda: with_retries(lambda: self._fetch(etag)))
        except CircuitOpen as exc:
            raise FeedError("diversion feed circuit open") from exc
        except httpx.HTTPError as exc:
            log.warning("diversion feed failed: %s", exc)
            raise FeedError("diversion feed unavailable") from exc
        if resp.status_code == 304:
            return None, etag
        return resp.json()["hospitals"], resp.headers.get("etag")
