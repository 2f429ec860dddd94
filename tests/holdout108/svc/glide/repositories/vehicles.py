from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.exceptions import HTTPException

from glide.models import Vehicle, VehicleStatus


class VehicleRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def get(self, vehicle_id: uuid.UUID) -> Vehicle | None:
        return await self._s.get(Vehicle, vehicle_id)

    async def by_ids(self, vehicle_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Vehicle]:
        if not vehicle_ids:
            return {}
        result = await self._s.execute(select(Vehicle).where(Vehicle.id.in_(set(vehicle_ids))))
        return {v.id: v for v in result.scalars()}

    async def get_by_qr(self, qr_code: str) -> Vehicle:
        result = await self._s.execute(select(Vehicle).where(Vehicle.qr_code == qr_code.upper()))
        vehicle = result.scalar_one_or_none()
        if vehicle is None:
            raise HTTPException(status_code=404, detail="vehicle not found")
        return vehicle

    async def get_by_device(self, device_id: str) -> Vehicle | None:
        result = await self._s.execute(select(Vehicle).where(Vehicle.iot_device_id == device_id))
        return result.scalar_one_or_none()

    async def by_devices(self, device_ids: Sequence[str]) -> dict[str, Vehicle]:
        if not device_ids:
            return {}
        result = await self._s.execute(select(Vehicle).where(Vehicle.iot_device_id.in_(device_ids)))
        return {v.iot_device_id: v for v in result.scalars()}

    async def reserve_if_available(self, vehicle_id: uuid.UUID) -> bool:
        result = await self._s.execute(
            update(Vehicle)
            .where(Vehicle.id == vehicle_id, Vehicle.status == VehicleStatus.AVAILABLE)
            .values(status=VehicleStatus.RESERVED)
            .returning(Vehicle.id)
        )
        return result.scalar_one_or_none() is not None

    async def set_status(self, vehicle_id: uuid.UUID, status: VehicleStatus) -> None:
        await self._s.execute(update(Vehicle).where(Vehicle.id == vehicle_id).values(status=status))

    async def update_position(
        self, vehicle_id: uuid.UUID, lat: float, lon: float, battery_pct: int, seen_at: datetime
    ) -> None:
        await self._s.execute(
            update(Vehicle)
            .where(Vehicle.id == vehicle_id)
            .values(lat=lat, lon=lon, battery_pct=battery_pct, last_seen_at=seen_at)
        )

    async def list_for_city(self, city_id: int, statuses: Sequence[VehicleStatus] | None = None) -> Sequence[Vehicle]:
        stmt = select(Vehicle).where(Vehicle.city_id == city_id)
        if statuses:
            stmt = stmt.where(Vehicle.status.in_(statuses))
        return (await self._s.execute(stmt)).scalars().all()

    async def low_battery(self, city_id: int, threshold: int, limit: int = 500) -> Sequence[Vehicle]:
        stmt = (
            select(Vehicle)
            .where(
                Vehicle.city_id == city_id,
                Vehicle.status == VehicleStatus.AVAILABLE,
                Vehicle.battery_pct < threshold,
            )
            .order_by(Vehicle.battery_pct)
            .limit(limit)
        )
        return (await self._s.execute(stmt)).scalars().all()

    async def count_in_zone(self, zone_id: int) -> int:
        stmt = select(func.count()).select_from(Vehicle).where(
            Vehicle.zone_id == zone_id, Vehicle.status == VehicleStatus.AVAILABLE
        )
        return int((await self._s.execute(stmt)).scalar_one())

    async def counts_by_zone(self, city_id: int) -> dict[int, int]:
        stmt = (
            select(Vehicle.zone_id, func.count())
            .where(Vehicle.city_id == city_id, Vehicle.status == VehicleStatus.AVAILABLE)
            .group_by(Vehicle.zone_id)
        )
        return {zone_id: int(n) for zone_id, n in (await self._s.execute(stmt)).all() if zone_id is not None}

    async def available_in_zone(self, zone_id: int, limit: int) -> Sequence[Vehicle]:
        stmt = (
            select(Vehicle)
            .where(Vehicle.zone_id == zone_id, Vehicle.status == VehicleStatus.AVAILABLE)
            .order_by(Vehicle.battery_pct.desc())
            .limit(limit)
        )
        return (await self._s.execute(stmt)).scalars().all()
