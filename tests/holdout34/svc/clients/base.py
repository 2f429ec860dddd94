"""Shared plumbing for HTTP provider clients."""
from __future__ import annotations

import time
from typing import Any

import httpx

from svc.resilience import CircuitBreaker

PROVIDER_STATUS: dict[str, dict[str, Any]] = {}


def record_status(provider: str, ok: bool, detail: str = "") -> None:
    entry = PROVIDER_STATUS.setdefault(provider, {"ok": True, "failures": 0})
    entry["ok"] = ok
    entry["failures"] = 0 if ok else entry["failures"] + 1
    entry["checked_at"] = time.time()
    entry["detail"] = detail


class HttpProviderClient:
    provider = "base"

    def __init__(self, http: httpx.AsyncClient, breaker: CircuitBreaker) -> None:
        self._http = http
        self._breaker = breaker

    async def get_json(self, path: str, params: dict[str, Any] | None = None) -> Any:
        async with self._breaker:
            resp = await self._http.get(path, params=params)
            resp.raise_for_status()
        record_status(self.provider, True)
        return resp.json()

    async def aclose(self) -> None:
        await self._http.aclose()
