"""Freight APIs: the carrier (its requests are retried) and the customs broker."""
from __future__ import annotations

from typing import Any

import httpx
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential

_transient = retry(stop=stop_after_attempt(3), wait=wait_exponential(multiplier=0.2, max=2.0),
                   retry=retry_if_exception_type(httpx.TransportError), reraise=True)


class FreightCarrier:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=10.0)

    @_transient
    async def book(self, shipment_ref: str) -> dict[str, Any]:
        resp = await self._http.post("/bookings", json={"ref": shipment_ref}, headers={"Idempotency-Key": shipment_ref})
        resp.raise_for_status()
        return resp.json()

    async def close_day(self, depot: str, refs: list[str]) -> dict[str, Any]:
        resp = await self._http.post("/day-close", json={"depot": depot, "refs": refs})  # expect: no-retry
        resp.raise_for_status()
        return resp.json()


class CustomsBroker:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=10.0)

    async def file_declarations(self, depot: str, refs: list[str]) -> dict[str, Any]:
        resp = await self._http.post("/declarations", json={"depot": depot, "refs": refs})  # expect: no-retry
        resp.raise_for_status()
        return resp.json()
