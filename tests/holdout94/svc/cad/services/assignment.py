from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..clients.paging_sdk import PagingClient
from ..errors import NotFound, UnitUnavailable
from ..models import Assignment, Incident
from ..repositories import AssignmentRepository, IncidentRepository, UnitRepository
from ..settings import Settings
from ..utils.redis_helpers import LockRegistry
from ..utils.timeutil import utcnow
from .console_bus import ConsoleBus
from .mdt_hub import MdtHub

log = logging.getLogger(__name__)


class AssignmentService:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        locks: LockRegistry,
        mdt: MdtHub,
        bus: ConsoleBus,
        pager: PagingClient,
        settings: Settings,
    ) -> None:
        self._sessions = sessions
        self._locks = locks
        self._mdt = mdt
        self._bus = bus
        self._pager = pager
        self._ack_window = timedelta(seconds=settings.ack_deadline_seconds)
        self._background: set[asyncio.Task] = set()

    async def assign(self, incident_id: int, unit_id: int, dispatcher: str) -> Assignment:
        now = utcnow()
        # Lock order is always incident, then unit.
        async with self._locks.incident(incident_id):
            async with self._locks.unit(unit_id):
                async with self._sessions() as session, session.begin():
                    if not await UnitRepository(session).claim_available(unit_id, now):
                        raise UnitUnavailable(f"unit {unit_id} is not available")
                    incidents = IncidentRepository(session)
                    incident = await incidents.require(incident_id)
                    assignment = await AssignmentRepository(session).create(incident_id, unit_id, now + self._ack_window)
                    await incidents.set_status(incident_id, "dispatched")
        log.info("unit %s assigned to %s by %s", unit_id, incident.number, dispatcher)
        delivered = await self._mdt.send_to_unit(unit_id, _dispatch_message(incident, assignment))
        if not delivered:
            log.warning("unit %s has no MDT session; relying on voice dispatch", unit_id)
        await self._bus.publish("unit.assigned", {"incident": incident_id, "unit": unit_id, "agency": incident.agency})
        asyncio.create_task(self._page_station(unit_id, incident))
        audit = asyncio.create_task(self._audit("assign", incident_id, unit_id, dispatcher))
        self._background.add(audit)
        audit.add_done_callback(self._background.discard)
        return assignment

    async def acknowledge(self, assignment_id: int, unit_id: int) -> Assignment:
        async with self._sessions() as session, session.begin():
            assignment = await AssignmentRepository(session).lock_for_ack(assignment_id)
            if assignment is None or assignment.unit_id != unit_id:
                raise NotFound(f"assignment {assignment_id}")
            if assignment.acknowledged_at is None:
                assignment.acknowledged_at = utcnow()
                assignment.status = "acknowledged"
        coro = self._bus.publish("unit.acknowledged", {"assignment": assignment_id, "unit": unit_id})
        await asyncio.wait_for(coro, timeout=2.0)
        return assignment

    async def _page_station(self, unit_id: int, incident: Incident) -> None:
        message = f"{incident.number} {incident.nature_code} P{incident.priority} {incident.address or ''}"
        try:
            await asyncio.to_thread(self._pager.send_page, f"UNIT-{unit_id}", message)
        except Exception:
            log.exception("station page failed for unit %s", unit_id)

    async def _audit(self, action: str, incident_id: int, unit_id: int, actor: str) -> None:
        await self._bus.publish("audit", {"action": action, "incident": incident_id, "unit": unit_id, "actor": actor})


def _dispatch_message(incident: Incident, assignment: Assignment) -> dict:
    return {
        "type": "dispatch",
        "assignment_id": assignment.id,
        "incident": incident.number,
        "nature": incident.nature_code,
        "priority": incident.priority,
        "address": incident.address,
        "lat": incident.lat,
        "lon": incident.lon,
        "ack_by": assignment.ack_deadline.isoformat(),
    }
