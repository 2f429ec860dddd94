"""Carrier tracking lookups; delivered parcels never change, so their answers are kept."""
from __future__ import annotations

from typing import Any

import httpx

from .db import fetch_vehicle


class TrackingClient:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=5.0)
        self._delivered: dict[str, dict[str, Any]] = {}  # expect: unbounded-cache

    async def status(self, parcel_id: str) -> dict[str, Any]:
        known = self._delivered.get(parcel_id)
        if known is not None:
            return known
        resp = await self._http.get(f"/parcels/{parcel_id}")
        resp.raise_for_status()
        body = resp.json()
        body.pop("debug", None)
        if body.get("state") == "delivered":
            self._delivered[parcel_id] = body
        return body


class BoundedTrackingClient:
    """The same answers kept, but only the newest thousand: bounded."""

    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=5.0)
        self._delivered: dict[str, dict[str, Any]] = {}

    async def status(self, parcel_id: str) -> dict[str, Any]:
        known = self._delivered.get(parcel_id)
        if known is not None:
            return known
        resp = await self._http.get(f"/parcels/{parcel_id}")
        resp.raise_for_status()
        body = resp.json()
        body.pop("debug", None)
        if body.get("state") == "delivered":
            if len(self._delivered) >= 1000:
                self._delivered.pop(next(iter(self._delivered)))
            self._delivered[parcel_id] = body
        return body


tracking = TrackingClient("https://carrier.example")
