"""Client for the telematics vendor: remote lock/unlock and vehicle positions."""
from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import httpx

from ..utils.resilience import CircuitBreaker, retry_async

logger = logging.getLogger(__name__)


class TelematicsError(Exception):
    def __init__(self, message: str, *, status: int | None = None, vin: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.vin = vin


class TelematicsClient:
    def __init__(self, base_url: str, api_key: str) -> None:
        self._http = httpx.AsyncClient(
            base_url=base_url,
            headers={"Authorization": f"Bearer {api_key}", "Accept": "application/json"},
        )
        self._breaker = CircuitBreaker("telematics", failure_threshold=5, reset_after=30.0)

    async def aclose(self) -> None:
        await self._http.aclose()

    @staticmethod
    def _parse(resp: httpx.Response, vin: str | None = None) -> dict[str, Any]:
        if resp.status_code >= 400:
            raise TelematicsError(f"telematics returned {resp.status_code}", status=resp.status_code, vin=vin)
        return resp.json()

    async def unlock(self, vin: str, *, reference: str) -> dict[str, Any]:
        async with self._breaker:
            resp = await self._http.post(f"/v2/vehicles/{vin}/commands/unlock", json={"reference": reference})
        return self._parse(resp, vin)

    async def lock(self, vin: str, *, reference: str) -> dict[str, Any]:
        async def send_lock() -> httpx.Response:
            async with self._breaker:
                return await self._http.post(f"/v2/vehicles/{vin}/commands/lock", json={"reference": reference})

        resp = await retry_async(send_lock, attempts=3, retry_on=(httpx.TransportError,))
        return self._parse(resp, vin)

    async def position(self, vin: str) -> dict[str, Any]:
        async with self._breaker:
            resp = await self._http.get(f"/v2/vehicles/{vin}/position")
        return self._parse(resp, vin)

    async def positions(self, vins: Sequence[str]) -> list[dict[str, Any]]:
        """Batch endpoint, up to 100 VINs per call."""
        results: list[dict[str, Any]] = []
        for start in range(0, len(vins), 100):
            chunk = vins[start:start + 100]
            async with self._breaker:
                resp = await self._http.get("/v2/positions", params={"vin": list(chunk)})
            results.extend(self._parse(resp)["items"])
        return results
