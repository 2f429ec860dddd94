"""Feed Alpha: primary live event provider (JSON over HTTPS)."""
from __future__ import annotations

import logging
from datetime import date
from typing import Any

import httpx
from tenacity import (
    retry,
    retry_if_exception_type,
    retry_if_not_exception_type,
    stop_after_attempt,
    wait_exponential_jitter,
)

from svc import errors
from svc.clients.base import HttpProviderClient, record_status
from svc.config import settings
from svc.resilience import CircuitBreaker

logger = logging.getLogger(__name__)

_RETRYABLE = (httpx.TransportError, errors.UpstreamError)


class FeedAlphaClient(HttpProviderClient):
    provider = "alpha"

    def __init__(self, breaker: CircuitBreaker) -> None:
        http = httpx.AsyncClient(
            base_url=settings.alpha_base_url,
            headers={"x-api-key": settings.alpha_api_key},
            timeout=httpx.Timeout(5.0, connect=2.0),
            limits=httpx.Limits(max_connections=50, max_keepalive_connections=20),
        )
        super().__init__(http, breaker)

    @retry(
        stop=stop_after_attempt(3),
        wait=wait_exponential_jitter(initial=0.2, max=2.0),
        retry=retry_if_exception_type(_RETRYABLE) & retry_if_not_exception_type(errors.CircuitOpenError),
        reraise=True,
    )
    async def fetch_match_events(self, alpha_match_id: str, since_seq: int = 0) -> list[dict[str, Any]]:
        async with self._breaker:
            try:
                resp = await self._http.get(f"/fixtures/{alpha_match_id}/events", params={"since": since_seq})
            except httpx.TimeoutException as exc:
                record_status(self.provider, False, "timeout")
                raise errors.UpstreamTimeoutError("alpha", "event feed timed out") from exc
            if resp.status_code >= 500:
                record_status(self.provider, False, f"http {resp.status_code}")
                raise errors.UpstreamError("alpha", f"event feed returned {resp.status_code}")
            resp.raise_for_status()
        record_status(self.provider, True)
        return resp.json()["events"]

    @retry(stop=stop_after_attempt(3), wait=wait_exponential_jitter(initial=0.2, max=2.0), reraise=True)
    async def fetch_lineups(self, alpha_match_id: str) -> dict[str, Any]:
        return await self.get_json(f"/fixtures/{alpha_match_id}/lineups")

    @retry(stop=stop_after_attempt(2), wait=wait_exponential_jitter(initial=0.5, max=2.0), reraise=True)
    async def fetch_fixtures(self, day: date) -> list[dict[str, Any]]:
        body = await self.get_json("/fixtures", params={"date": day.isoformat()})
        return body["fixtures"]
