from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from typing import Any

import httpx

from ..errors import UpstreamError
from .resilience import CircuitBreaker, with_retries

log = logging.getLogger(__name__)


class GridOperatorClient:
    """The TSO's dispatch API: curtailment set-points and their acknowledgements."""

    def __init__(self, base_url: str, token: str) -> None:
        self._client = httpx.AsyncClient(
            base_url=base_url,
            headers={"Authorization": f"Bearer {token}"},
            timeout=httpx.Timeout(5.0, connect=2.0),
        )
        self._breaker = CircuitBreaker("grid-operator", threshold=3, reset_after_s=20)

    async def pending_commands(self, since: datetime) -> list[dict[str, Any]]:
        async def _get() -> httpx.Response:
            resp = await self._client.get("/setpoints", params={"since": since.isoformat()})
            resp.raise_for_status()
            return resp

        resp = await self._breaker.call(lambda: with_retries(_get, attempts=3))
        return resp.json()["commands"]

    async def acknowledge(self, command_id: str, applied_kw: float, applied_at: datetime) -> None:
        async def _post() -> None:
            resp = await self._client.post(
                f"/setpoints/{command_id}/ack",
                json={"applied_kw": applied_kw, "applied_at": applied_at.isoformat()},
            )
            resp.raise_for_status()

        try:
            await with_retries(_post, attempts=3, base_delay=0.2, max_delay=1.0)
        except httpx.HTTPError as exc:
            raise UpstreamError(f"ack for {command_id} failed") from exc

    async def heartbeat(self) -> bool:
        """Connectivity probe used by the readiness check of the curtailment path."""
        try:
            resp = await asyncio.wait_for(self._client.get("/ping"), timeout=2.0)
        except (httpx.HTTPError, asyncio.TimeoutError):
            log.warning("grid operator heartbeat failed")
            return False
        return resp.status_code == 200

    async def aclose(self) -> None:
        await self._client.aclose()
