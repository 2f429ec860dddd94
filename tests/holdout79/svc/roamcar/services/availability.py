"""Vehicle availability for a branch, class and time window, and slot holds."""
from __future__ import annotations

import json
import logging
import uuid
from datetime import datetime
from typing import Any

import redis.asyncio as aioredis

from ..cache import vehicle_lock
from ..models import Reservation, Vehicle
from ..repositories import ReservationRepository, VehicleRepository
from .errors import SlotTaken

logger = logging.getLogger(__name__)

AVAILABILITY_TTL_SECONDS = 20


def _vehicle_summary(vehicle: Vehicle) -> dict[str, Any]:
    return {
        "vehicle_id": str(vehicle.id),
        "plate": vehicle.plate,
        "vehicle_class": vehicle.vehicle_class,
        "fuel_type": vehicle.fuel_type,
        "fuel_pct": vehicle.fuel_pct,
    }


class AvailabilityService:
    def __init__(
        self, vehicles: VehicleRepository, reservations: ReservationRepository, redis: aioredis.Redis
    ) -> None:
        self._vehicles = vehicles
        self._reservations = reservations
        self._redis = redis

    async def search(
        self, branch_id: str, vehicle_class: str, starts_at: datetime, ends_at: datetime
    ) -> list[dict[str, Any]]:
        cache_key = f"avail:{branch_id}:{vehicle_class}:{starts_at:%Y%m%d%H%M}:{ends_at:%Y%m%d%H%M}"
        cached = await self._redis.get(cache_key)
        if cached is not None:
            return json.loads(cached)

        vehicles = await self._vehicles.in_branch(branch_id, vehicle_class)
        free: list[dict[str, Any]] = []
        for vehicle in vehicles:
            if await self._reservations.has_overlap(vehicle.id, starts_at, ends_at):
                continue
            free.append(_vehicle_summary(vehicle))

        await self._redis.set(cache_key, json.dumps(free), ex=AVAILABILITY_TTL_SECONDS)
        return free

    async def first_free(
        self, branch_id: str, vehicle_class: str, starts_at: datetime, ends_at: datetime
    ) -> Vehicle | None:
        for vehicle in await self._vehicles.in_branch(branch_id, vehicle_class):
            if not await self._reservations.has_overlap(vehicle.id, starts_at, ends_at):
                return vehicle
        return None

    async def hold_slot(
        self, reservation: Reservation, vehicle_id: uuid.UUID, starts_at: datetime, ends_at: datetime
    ) -> None:
        """Attach the vehicle and window to the reservation if nothing else overlaps it."""
        async with vehicle_lock(self._redis, str(vehicle_id)):
            if await self._reservations.has_overlap(vehicle_id, starts_at, ends_at, exclude=reservation.id):
                raise SlotTaken(f"vehicle {vehicle_id} is taken for that window")
            reservation.vehicle_id = vehicle_id
            reservation.starts_at = starts_at
            reservation.ends_at = ends_at
            await self._reservations.commit()
        await self._invalidate(reservation.pickup_branch_id, reservation.vehicle_class)

    async def _invalidate(self, branch_id: str, vehicle_class: str) -> None:
        keys = [key async for key in self._redis.scan_iter(match=f"avail:{branch_id}:{vehicle_class}:*", count=200)]
        if keys:
            await self._redis.unlink(*keys)
