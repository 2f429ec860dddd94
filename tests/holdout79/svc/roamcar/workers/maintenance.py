"""Books service slots at the branch garage for cars that have reached their service interval."""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime, time, timedelta, timezone

from ..db import SessionFactory
from ..repositories import BranchRepository, MaintenanceRepository, VehicleRepository
from .runner import WorkerContext, sleep_or_stop

logger = logging.getLogger(__name__)

SERVICE_INTERVAL_KM = 15_000
GARAGE_OPEN_HOUR = 8
GARAGE_SLOTS_PER_DAY = 8


def candidate_slots(day: datetime) -> list[datetime]:
    start = datetime.combine(day.date(), time(GARAGE_OPEN_HOUR), tzinfo=timezone.utc)
    return [start + timedelta(hours=n) for n in range(GARAGE_SLOTS_PER_DAY)]


class MaintenanceWorker:
    name = "maintenance"

    def __init__(self, ctx: WorkerContext) -> None:
        self._ctx = ctx

    async def run(self, stopping: asyncio.Event) -> None:
        while not stopping.is_set():
            now = datetime.now(timezone.utc)
            booked = await self.schedule_due(now)
            logger.info("maintenance pass booked %d slots", booked)
            await sleep_or_stop(stopping, self._ctx.settings.maintenance_scan_seconds)

    async def schedule_due(self, now: datetime) -> int:
        tomorrow = now + timedelta(days=1)
        booked = 0
        async with SessionFactory() as session:
            fleet = VehicleRepository(session)
            jobs = MaintenanceRepository(session)
            branches = {b.id: b for b in await BranchRepository(session).list_all()}
            vehicles = await fleet.needing_service(SERVICE_INTERVAL_KM)
            open_jobs = await jobs.open_for_vehicles([v.id for v in vehicles])
            taken: dict[str, set[datetime]] = {}
            for vehicle in vehicles:
                existing = [job for job in open_jobs if job.vehicle_id == vehicle.id]
                if existing:
                    continue
                branch = branches.get(vehicle.branch_id)
                if branch is None or branch.garage_id is None:
                    continue
                if branch.garage_id not in taken:
                    day_start = candidate_slots(tomorrow)[0]
                    taken[branch.garage_id] = set(
                        await jobs.booked_slots(branch.garage_id, day_start, day_start + timedelta(days=1))
                    )
                slot = next((s for s in candidate_slots(tomorrow) if s not in taken[branch.garage_id]), None)
                if slot is None:
                    continue
                await jobs.book(vehicle.id, branch.garage_id, slot)
                taken[branch.garage_id].add(slot)
                booked += 1
            await session.commit()
        return booked
