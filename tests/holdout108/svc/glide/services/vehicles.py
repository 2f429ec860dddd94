from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession

from glide.errors import Conflict, NotFound
from glide.models import Vehicle, VehicleStatus
from glide.repositories.rides import RideRepository
from glide.repositories.vehicles import VehicleRepository
from glide.services.commands import VehicleCommandService
from glide.services.geofence import GeofenceService
from glide.services.map_feed import MapHub
from glide.utils.geo import haversine_m
from glide.utils.timeutil import utcnow

log = logging.getLogger(__name__)


def vehicle_to_dict(v: Vehicle) -> dict[str, Any]:
    return {
        "id": str(v.id),
        "qr": v.qr_code,
        "type": v.vehicle_type.value,
        "status": v.status.value,
        "battery": v.battery_pct,
        "lat": v.lat,
        "lon": v.lon,
    }


class VehicleService:
    def __init__(self, session: AsyncSession, geofence: GeofenceService) -> None:
        self._s = session
        self._repo = VehicleRepository(session)
        self._rides = RideRepository(session)
        self._geofence = geofence

    async def nearby(self, city_id: int, lat: float, lon: float, radius_m: int = 500) -> list[dict[str, Any]]:
        vehicles = await self._repo.list_for_city(city_id, [VehicleStatus.AVAILABLE])
        close = [v for v in vehicles if haversine_m(lat, lon, v.lat, v.lon) <= radius_m]
        close.sort(key=lambda v: haversine_m(lat, lon, v.lat, v.lon))
        return [vehicle_to_dict(v) for v in close[:50]]

    async def by_qr(self, qr_code: str) -> dict[str, Any]:
        vehicle = await self._repo.get_by_qr(qr_code)
        data = vehicle_to_dict(vehicle)
        data["in_use"] = await self._rides.active_for_vehicle(vehicle.id) is not None
        return data

    async def outside_boundary(self, city_id: int) -> list[dict[str, Any]]:
        vehicles = await self._repo.list_for_city(city_id)
        # vehicles that are not rentable are already tracked by ops through other views
        flagged = [v.id for v in vehicles if v.status != VehicleStatus.AVAILABLE]
        return [vehicle_to_dict(v) for v in self._geofence.vehicles_outside(vehicles, flagged)]

    async def ops_command(self, qr_code: str, command: str, commands: VehicleCommandService) -> dict[str, Any]:
        vehicle = await self._repo.get_by_qr(qr_code)
        if command == "ring":
            await commands.ring(vehicle)
        elif command == "lock":
            if await self._rides.active_for_vehicle(vehicle.id) is not None:
                raise Conflict("vehicle is in a ride", code="in_ride")
            await commands.lock(vehicle)
            await self._repo.set_status(vehicle.id, VehicleStatus.MAINTENANCE)
            await self._s.commit()
        elif command == "release":
            await self._repo.set_status(vehicle.id, VehicleStatus.AVAILABLE)
            await self._s.commit()
        else:
            raise Conflict(f"unknown command {command}", code="bad_command")
        return vehicle_to_dict(vehicle)

    async def battery_overview(self, city_id: int) -> dict[str, int]:
        stmt = (
            select(
                case(
                    (Vehicle.battery_pct < 15, "critical"),
                    (Vehicle.battery_pct < 30, "low"),
                    else_="ok",
                ).label("band"),
                func.count(),
            )
            .where(Vehicle.city_id == city_id)
            .group_by("band")
        )
        return {band: int(n) for band, n in (await self._s.execute(stmt)).all()}

    async def silent_vehicles(self, city_id: int, hub: MapHub, max_age_s: int = 900) -> list[dict[str, Any]]:
        vehicles = await self._repo.list_for_city(
            city_id, [VehicleStatus.AVAILABLE, VehicleStatus.LOW_BATTERY, VehicleStatus.RESERVED]
        )
        live = await hub.live_positions([v.iot_device_id for v in vehicles])
        now = utcnow()
        silent = []
        for vehicle in vehicles:
            ts = live.get(vehicle.iot_device_id, {}).get("ts")
            last = datetime.fromisoformat(ts) if ts else vehicle.last_seen_at
            if last is None or (now - last).total_seconds() > max_age_s:
                silent.append(vehicle_to_dict(vehicle))
        return silent

    async def handle_event(self, payload: dict[str, Any]) -> None:
        vehicle = await self._repo.get_by_device(str(payload["device_id"]))
        if vehicle is None:
            raise NotFound("unknown device")
        event = payload.get("event")
        if event == "tamper_alarm":
            active = await self._rides.active_for_vehicle(vehicle.id)
            if active is None:
                try:
                    await self._repo.set_status(vehicle.id, VehicleStatus.MISSING)
                    await self._s.commit()
                except SQLAlchemyError:
                    pass
        elif event == "battery_swapped":
            vehicle.battery_pct = int(payload.get("battery", 100))
            if vehicle.status == VehicleStatus.LOW_BATTERY:
                vehicle.status = VehicleStatus.AVAILABLE
            vehicle.last_seen_at = utcnow()
            await self._s.commit()
        elif event == "fall_detected":
            log.warning("fall detected on %s at %s,%s", vehicle.qr_code, vehicle.lat, vehicle.lon)
        else:
            log.debug("ignoring event %s from %s", event, vehicle.qr_code)
