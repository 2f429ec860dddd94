from __future__ import annotations

import asyncio
from datetime import timedelta
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from fieldwise.errors import Conflict, NotFound
from fieldwise.logging_setup import get_logger
from fieldwise.repositories.fields import FieldRepository
from fieldwise.repositories.irrigation import IrrigationRepository
from fieldwise.repositories.readings import ReadingsRepository
from fieldwise.schemas.api import ScheduleIn
from fieldwise.services.container import Services
from fieldwise.services.planner import PlanItem, build_schedule
from fieldwise.services.valve_dispatch import ValveDispatcher
from fieldwise.utils.timeutil import utcnow

log = get_logger(__name__)

_zone_lock = asyncio.Lock()
_valve_lock = asyncio.Lock()


class IrrigationService:
    def __init__(self, session: AsyncSession, deps: Services) -> None:
        self._session = session
        self._fields = FieldRepository(session)
        self._repo = IrrigationRepository(session)
        self._readings = ReadingsRepository(deps.pg)
        self._plan_lock = deps.plan_lock
        self._dispatcher = ValveDispatcher(deps.valves, deps.plan_lock)

    async def plan_field(self, field_id: int, valve_ids: list[str]) -> list[PlanItem]:
        field = await self._fields.get(field_id)
        if field is None:
            raise NotFound(f"field {field_id}")
        latest = await self._readings.latest_for_field(field_id)
        if latest is None or latest["moisture_pct"] is None:
            return []
        return build_schedule(field, valve_ids, latest["moisture_pct"], start=utcnow(), horizon_days=3)

    async def irrigate_now(self, field_id: int, valve_ids: list[str]) -> dict[str, int]:
        async with self._plan_lock:
            items = await self.plan_field(field_id, valve_ids)
            results = await self._dispatcher.push(items)
        return {"sent": len(items), "accepted": sum(results)}

    async def reserve_water(self, field_id: int, liters: Decimal) -> Decimal:
        remaining = await self._fields.get_budget(field_id)
        if remaining < liters:
            raise Conflict(f"field {field_id} has {remaining} L left, {liters} L requested")
        await self._fields.set_budget(field_id, remaining - liters)
        return remaining - liters

    async def reserve_water_atomic(self, field_id: int, liters: Decimal) -> None:
        if not await self._fields.debit_budget(field_id, liters):
            raise Conflict(f"field {field_id} has insufficient water budget")

    async def add_schedule(self, field_id: int, body: ScheduleIn) -> int:
        async with _zone_lock:
            async with _valve_lock:
                existing = await self._repo.list_for_field(field_id)
                for s in existing:
                    if s.valve_id == body.valve_id and abs(s.next_run_at - body.start_at) < timedelta(minutes=body.duration_min):
                        raise Conflict(f"valve {body.valve_id} already scheduled at {s.next_run_at}")
                await self.reserve_water_atomic(field_id, Decimal(str(body.liters)))
                from fieldwise.db.models import IrrigationSchedule

                schedule = IrrigationSchedule(field_id=field_id, valve_id=body.valve_id, next_run_at=body.start_at,
                                              duration_min=body.duration_min, liters=Decimal(str(body.liters)))
                self._session.add(schedule)
                await self._session.flush()
                return schedule.id

    async def cancel_schedule(self, field_id: int, schedule_id: int) -> None:
        async with _zone_lock:
            async with _valve_lock:  # zone before valve, as in add_schedule
                await self._repo.mark(schedule_id, "cancelled")
                log.info("irrigation.cancelled", field_id=field_id, schedule_id=schedule_id)

    async def emergency_stop(self, field_id: int, valve_ids: tuple[str, ...]) -> None:
        await self._dispatcher.close_valves(valve_ids)
        for schedule in await self._repo.list_for_field(field_id):
            if schedule.status == "pending":
                schedule.status = "cancelled"

    async def valve_status(self, valve_id: str) -> dict:
        return await self._dispatcher.valve_status(valve_id)
