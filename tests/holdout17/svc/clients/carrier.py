"""Northline carrier API: bookings, tracking events, cancellations and daily manifests."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import httpx

from svc.resilience import CircuitBreaker, retrying


@dataclass(frozen=True, slots=True)
class CarrierBooking:
    reference: str
    label_url: str


class CarrierClient:
    code = "northline"

    def __init__(self, base_url: str, api_key: str) -> None:
        self._http = httpx.AsyncClient(
            base_url=base_url,
            headers={"Authorization": f"Bearer {api_key}", "Accept": "application/json"},
            limits=httpx.Limits(max_connections=50, max_keepalive_connections=20),
        )
        self._breaker = CircuitBreaker("northline", failure_threshold=5, reset_after=30.0)

    async def book(self, booking: dict[str, Any], idempotency_key: str) -> CarrierBooking:
        async for attempt in retrying():
            with attempt:
                response = await self._breaker.call(self._http.post, "/shipments", json=booking, headers={"Idempotency-Key": idempotency_key})
                response.raise_for_status()
        data = response.json()
        return CarrierBooking(reference=data["reference"], label_url=data["label_url"])

    async def tracking_events(self, reference: str) -> list[dict[str, Any]]:
        async for attempt in retrying():
            with attempt:
                response = await self._breaker.call(self._http.get, f"/shipments/{reference}/events")
                response.raise_for_status()
        return response.json()["events"]

    async def tracking_events_bulk(self, references: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
        async for attempt in retrying():
            with attempt:
                response = await self._breaker.call(self._http.post, "/tracking/batch", json={"references": list(references)})
                response.raise_for_status()
        return {item["reference"]: item["events"] for item in response.json()["results"]}

    async def cancel(self, reference: str) -> None:
        response = await self._breaker.call(self._http.delete, f"/shipments/{reference}")
        response.raise_for_status()

    async def manifest_entries(self, day: date) -> AsyncIterator[dict[str, Any]]:
        """Stream the carrier's NDJSON manifest of parcels handed over on ``day``."""
        async with self._http.stream("GET", f"/manifests/{day.isoformat()}", timeout=None) as response:
            response.raise_for_status()
            async for line in response.aiter_lines():
                if line.strip():
                    yield json.loads(line)

    async def aclose(self) -> None:
        await self._http.aclose()
