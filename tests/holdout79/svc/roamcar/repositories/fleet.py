"""Branches, vehicles and maintenance bookings."""
from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select, update

from ..models import Branch, MaintenanceJob, Vehicle
from .base import BaseRepository


class BranchRepository(BaseRepository[Branch]):
    model = Branch

    async def list_all(self) -> Sequence[Branch]:
        result = await self._session.execute(select(Branch).order_by(Branch.id))
        return result.scalars().all()

    async def in_region(self, region: str) -> Sequence[Branch]:
        result = await self._session.execute(select(Branch).where(Branch.region == region))
        return result.scalars().all()


class VehicleRepository(BaseRepository[Vehicle]):
    model = Vehicle

    async def in_branch(self, branch_id: str, vehicle_class: str) -> Sequence[Vehicle]:
        stmt = (
            select(Vehicle)
            .where(Vehicle.branch_id == branch_id, Vehicle.vehicle_class == vehicle_class, Vehicle.status == "available")
            .order_by(Vehicle.fuel_pct.desc())
        )
        return (await self._session.execute(stmt)).scalars().all()

    async def all_in_branch(self, branch_id: str) -> Sequence[Vehicle]:
        stmt = select(Vehicle).where(Vehicle.branch_id == branch_id).order_by(Vehicle.plate)
        return (await self._session.execute(stmt)).scalars().all()

    async def by_ids(self, ids: Sequence[uuid.UUID]) -> Sequence[Vehicle]:
        if not ids:
            return []
        stmt = select(Vehicle).where(Vehicle.id.in_(ids))
        return (await self._session.execute(stmt)).scalars().all()

    async def search_plate(self, fragment: str, limit: int = 50) -> Sequence[Vehicle]:
        stmt = select(Vehicle).where(Vehicle.plate.ilike(f"%{fragment}%")).limit(limit)
        return (await self._session.execute(stmt)).scalars().all()

    async def by_plate_prefix(self, prefix: str, limit: int = 50) -> Sequence[Vehicle]:
        stmt = select(Vehicle).where(Vehicle.plate.like(f"{prefix.upper()}%")).order_by(Vehicle.plate).limit(limit)
        return (await self._session.execute(stmt)).scalars().all()

    async def needing_service(self, interval_km: int) -> Sequence[Vehicle]:
        stmt = select(Vehicle).where(
            Vehicle.status != "retired",
            Vehicle.odometer_km - Vehicle.last_service_km >= interval_km,
        )
        return (await self._session.execute(stmt)).scalars().all()

    async def record_positions(self, rows: Sequence[dict[str, Any]]) -> None:
        """Bulk UPDATE by primary key; each row carries id, last_lat, last_lon, fuel_pct, odometer_km, position_at."""
        if rows:
            await self._session.execute(update(Vehicle), list(rows))


class MaintenanceRepository(BaseRepository[MaintenanceJob]):
    model = MaintenanceJob

    async def open_for_vehicles(self, vehicle_ids: Sequence[uuid.UUID]) -> Sequence[MaintenanceJob]:
        if not vehicle_ids:
            return []
        stmt = select(MaintenanceJob).where(
            MaintenanceJob.vehicle_id.in_(vehicle_ids), MaintenanceJob.status == "booked"
        )
        return (await self._session.execute(stmt)).scalars().all()

    async def booked_slots(self, garage_id: str, day_start: datetime, day_end: datetime) -> list[datetime]:
        stmt = select(MaintenanceJob.slot_at).where(
            MaintenanceJob.garage_id == garage_id,
            MaintenanceJob.slot_at >= day_start,
            MaintenanceJob.slot_at < day_end,
        )
        return list((await self._session.execute(stmt)).scalars().all())

    async def book(self, vehicle_id: uuid.UUID, garage_id: str, slot_at: datetime, kind: str = "service") -> MaintenanceJob:
        job = MaintenanceJob(vehicle_id=vehicle_id, garage_id=garage_id, slot_at=slot_at, kind=kind)
        return await self.add(job)
