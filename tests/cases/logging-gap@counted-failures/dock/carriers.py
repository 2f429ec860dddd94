"""Carrier API client for the dock's end-of-day runs."""
from __future__ import annotations

from typing import Any

import httpx


class CarrierApi:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=10.0)

    async def close_manifest(self, carrier_id: str, label_ids: list[str]) -> dict[str, Any]:
        resp = await self._http.post("/manifests", json={"carrier_id": carrier_id, "label_ids": label_ids})
        resp.raise_for_status()
        return resp.json()

    async def pickup_window(self, carrier_id: str) -> dict[str, Any]:
        resp = await self._http.get(f"/carriers/{carrier_id}/pickup")
        resp.raise_for_status()
        return resp.json()
