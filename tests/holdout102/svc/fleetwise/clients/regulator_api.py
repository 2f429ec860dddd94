"""Emissions regulator (MRV / EU-ETS) submission API."""
from __future__ import annotations

import logging
import time

import httpx

from fleetwise.clients.errors import CircuitOpenError, UpstreamError

log = logging.getLogger(__name__)


class _Breaker:
    def __init__(self, threshold: int = 5, cooldown: float = 60.0) -> None:
        self.threshold = threshold
        self.cooldown = cooldown
        self.failures = 0
        self.open_until = 0.0

    def check(self) -> None:
        if time.monotonic() < self.open_until:
            raise CircuitOpenError("regulator", "circuit open")

    def record(self, ok: bool) -> None:
        if ok:
            self.failures = 0
            return
        self.failures += 1
        if self.failures >= self.threshold:
            self.open_until = time.monotonic() + self.cooldown
            self.failures = 0


class RegulatorClient:
    def __init__(self, base_url: str, token: str) -> None:
        self._client = httpx.AsyncClient(
            base_url=base_url,
            headers={"Authorization": f"Bearer {token}"},
            timeout=None,
        )
        self._breaker = _Breaker()

    async def aclose(self) -> None:
        await self._client.aclose()

    async def submit_daily(self, imo: str, payload: dict) -> str:
        self._breaker.check()
        try:
            resp = await self._client.post(f"/ships/{imo}/daily", json=payload)
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            self._breaker.record(False)
            raise UpstreamError("regulator", str(exc)) from exc
        self._breaker.record(True)
        return resp.json()["receipt"]

    async def submission_status(self, receipt: str) -> str:
        self._breaker.check()
        resp = await self._client.get(f"/receipts/{receipt}")
        resp.raise_for_status()
        return resp.json()["status"]
