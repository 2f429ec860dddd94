"""The carrier's tracking API, called through the breaker."""
from __future__ import annotations

from typing import Any

import httpx

from app.breaker import Breaker


class CarrierClient:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=5.0)
        self._breaker = Breaker()

    async def events(self, reference: str) -> list[dict[str, Any]]:
        response = await self._breaker.call(self._http.get, f"/parcels/{reference}/events")
        response.raise_for_status()
        return response.json()["events"]

    async def events_bulk(self, references: list[str]) -> dict[str, Any]:
        response = await self._breaker.call(self._http.post, "/tracking/batch", json={"references": references})
        response.raise_for_status()
        return response.json()
