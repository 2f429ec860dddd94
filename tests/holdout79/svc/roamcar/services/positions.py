"""Live fleet positions for the ops desk."""
from __future__ import annotations

import json
import logging
from typing import Any

import redis.asyncio as aioredis

from ..clients.telematics import TelematicsClient
from ..repositories import VehicleRepository
from .hubs import OpsHub

logger = logging.getLogger(__name__)


class PositionRelay:
    """Relays readings published by the ingest worker to this replica's ops sockets."""

    def __init__(self, redis: aioredis.Redis, hub: OpsHub, channel: str) -> None:
        self._redis = redis
        self._hub = hub
        self._channel = channel

    async def run(self) -> None:
        pubsub = self._redis.pubsub()
        await pubsub.subscribe(self._channel)
        try:
            async for message in pubsub.listen():
                if message["type"] != "message":
                    continue
                await self._hub.broadcast(json.loads(message["data"]))
        finally:
            await pubsub.aclose()


class FleetSnapshotService:
    def __init__(self, vehicles: VehicleRepository, telematics: TelematicsClient) -> None:
        self._vehicles = vehicles
        self._telematics = telematics

    async def branch_snapshot(self, branch_id: str) -> list[dict[str, Any]]:
        """Current position and fuel/charge of every car based at a branch."""
        vehicles = await self._vehicles.all_in_branch(branch_id)
        snapshot: list[dict[str, Any]] = []
        for vehicle in vehicles:
            position = await self._telematics.position(vehicle.vin)
            snapshot.append(
                {
                    "vehicle_id": str(vehicle.id),
                    "plate": vehicle.plate,
                    "status": vehicle.status,
                    "lat": position.get("lat"),
                    "lon": position.get("lon"),
                    "fuel_pct": position.get("fuel_pct", vehicle.fuel_pct),
                    "charge_pct": position.get("charge_pct"),
                }
            )
        return snapshot

    async def region_positions(self, vins: list[str]) -> dict[str, dict[str, Any]]:
        items = await self._telematics.positions(vins)
        return {item["vin"]: item for item in items}
