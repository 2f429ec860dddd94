"""Creative audit service: scans markup and landing pages before a creative may serve."""
from __future__ import annotations

import logging

import httpx

from adbid.config import Settings
from adbid.utils.resilience import CircuitBreaker, CircuitOpenError, retry_async

log = logging.getLogger(__name__)


class AuditClient:
    def __init__(self, settings: Settings) -> None:
        self._client = httpx.AsyncClient(base_url=settings.audit_url, timeout=httpx.Timeout(10.0, connect=2.0))
        self._breaker = CircuitBreaker("creative-audit", failure_threshold=3, reset_after=60)

    async def submit(self, creative_id: int, markup: str, landing_url: str) -> str | None:
        async def _post() -> httpx.Response:
            resp = await self._client.post(
                "/v1/scan", json={"id": creative_id, "markup": markup, "landing_url": landing_url}
            )
            resp.raise_for_status()
            return resp

        try:
            resp = await self._breaker.call(lambda: retry_async(_post, attempts=3, retry_on=(httpx.TransportError,)))
        except CircuitOpenError:
            log.warning("audit service circuit open; creative %s stays pending", creative_id)
            return None
        return resp.json()["verdict"]

    async def aclose(self) -> None:
        await self._client.aclose()
