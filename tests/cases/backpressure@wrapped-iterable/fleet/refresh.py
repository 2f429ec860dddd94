"""Refreshing the positions of a fleet."""
from __future__ import annotations

import asyncio

from fleet.telemetry import TelemetryClient

DEPOTS = ("north", "south", "east")


class PositionRefresher:
    def __init__(self, telemetry: TelemetryClient) -> None:
        self._telemetry = telemetry

    async def refresh(self, vehicle_ids: list[str]) -> list[dict]:
        return await asyncio.gather(*(self._telemetry.position(v) for v in sorted(vehicle_ids)))  # expect: backpressure

    async def refresh_ranked(self, vehicle_ids: list[str]) -> list[dict]:
        tasks = []
        for rank, vehicle_id in enumerate(vehicle_ids):
            tasks.append(asyncio.create_task(self._telemetry.position(vehicle_id)))
        return await asyncio.gather(*tasks)  # expect: backpressure

    async def refresh_pairs(self, vehicle_ids: list[str], drivers: list[str]) -> list[dict]:
        return await asyncio.gather(*(self._telemetry.position(v) for v, _ in zip(vehicle_ids, drivers)))  # expect: backpressure

    async def refresh_limited(self, vehicle_ids: list[str]) -> list[dict]:
        return await asyncio.gather(*(self._telemetry.limited_position(v) for v in sorted(vehicle_ids)))

    async def refresh_depots(self, depot_heads: dict[str, str]) -> list[dict]:
        return await asyncio.gather(*(self._telemetry.position(v) for v in sorted(DEPOTS)))

    async def refresh_first_three(self, vehicle_ids: list[str]) -> list[dict]:
        return await asyncio.gather(*(self._telemetry.position(v) for v, _ in zip(vehicle_ids, DEPOTS)))
