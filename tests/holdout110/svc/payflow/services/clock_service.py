from __future__ import annotations

import asyncio
import uuid
from datetime import datetime, timedelta

import aiohttp
import structlog

from payflow.clients.geo_client import JurisdictionClient
from payflow.errors import Conflict
from payflow.models import ClockEvent, Employee
from payflow.repositories.timesheet_repo import ClockRepository, TimesheetRepository
from payflow.utils.common import utcnow, week_start
from payflow.ws.hub import kiosk_hub

log = structlog.get_logger(__name__)

MAX_BACKDATE_MINUTES = 15


class ClockService:
    def __init__(
        self,
        clock: ClockRepository,
        timesheets: TimesheetRepository,
        jurisdictions: JurisdictionClient,
    ) -> None:
        self.clock = clock
        self.timesheets = timesheets
        self.jurisdictions = jurisdictions

    async def correct(self, event_id: int, company_id: int, occurred_at: datetime, actor_id: int, audit) -> ClockEvent:
        """Manager correction of a mistaken punch; only events in an open week can move."""
        event = await self.clock.get(event_id)
        if event.company_id != company_id:
            raise Conflict("event belongs to another company")
        sheet = await self.timesheets.ensure_period(
            company_id, event.employee_id, week_start(event.occurred_at.date()), week_start(event.occurred_at.date()) + timedelta(days=6)
        )
        if sheet.status.value not in ("open", "rejected"):
            raise Conflict(f"timesheet is {sheet.status.value}; reopen it first")
        previous = event.occurred_at
        event.occurred_at = occurred_at
        await audit.record(
            company_id, actor_id, "clock.corrected", "clock_event", event.id, {"from": previous.isoformat(), "to": occurred_at.isoformat()}
        )
        return event

    async def punch(
        self,
        employee: Employee,
        kind: str,
        *,
        source: str,
        occurred_at: datetime | None = None,
        latitude: float | None = None,
        longitude: float | None = None,
        device_id: int | None = None,
    ) -> ClockEvent:
        now = utcnow()
        when = occurred_at or now
        if (now - when).total_seconds() > MAX_BACKDATE_MINUTES * 60:
            raise Conflict("clock events may not be backdated that far")

        last = await self.clock.last_event(employee.id)
        if kind == "in" and last is not None and last.kind == "in":
            raise Conflict("already clocked in")
        if kind == "out" and (last is None or last.kind != "in"):
            raise Conflict("not clocked in")

        jurisdiction = employee.jurisdiction
        if latitude is not None and longitude is not None:
            try:
                place = await self.jurisdictions.lookup(latitude, longitude)
                jurisdiction = place.jurisdiction
            except (aiohttp.ClientError, asyncio.TimeoutError):
                log.warning("jurisdiction_lookup_failed", employee_id=employee.id)

        shift_id = last.shift_id if kind == "out" and last is not None else str(uuid.uuid4())
        event = ClockEvent(
            company_id=employee.company_id,
            employee_id=employee.id,
            kind=kind,
            source=source,
            device_id=device_id,
            occurred_at=when,
            latitude=latitude,
            longitude=longitude,
            jurisdiction=jurisdiction,
            shift_id=shift_id,
        )
        event = await self.clock.add(event)

        start = week_start(when.date())
        await self.timesheets.ensure_period(employee.company_id, employee.id, start, start + timedelta(days=6))
        await kiosk_hub.broadcast(
            employee.company_id,
            {"type": "punch", "employee_id": employee.id, "kind": kind, "at": when.isoformat()},
        )
        return event
