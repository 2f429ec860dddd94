"""Client for the vehicle telemetry service."""
from __future__ import annotations

import asyncio

import httpx


class TelemetryClient:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url)
        self._slots = asyncio.Semaphore(8)

    async def position(self, vehicle_id: str) -> dict:
        response = await self._http.get(f"/vehicles/{vehicle_id}/position")
        response.raise_for_status()
        return response.json()

    async def limited_position(self, vehicle_id: str) -> dict:
        async with self._slots:
            return await self.position(vehicle_id)
