from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..clients.paging_sdk import PagingClient
from ..models import Assignment
from ..repositories import AssignmentRepository, UnitRepository
from ..utils.redis_helpers import LockRegistry
from ..utils.timeutil import utcnow
from .console_bus import ConsoleBus
from .incidents import IncidentService

log = logging.getLogger(__name__)

SUPERVISOR_GROUP = "DISPATCH-SUPERVISORS"


class EscalationService:
    """Handles assignments whose acknowledgement deadline has passed."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        locks: LockRegistry,
        incidents: IncidentService,
        pager: PagingClient,
        bus: ConsoleBus,
    ) -> None:
        self._sessions = sessions
        self._locks = locks
        self._incidents = incidents
        self._pager = pager
        self._bus = bus

    async def escalate_overdue(self) -> int:
        now = utcnow()
        async with self._sessions() as session:
            overdue = await AssignmentRepository(session).overdue_unacknowledged(now)
        for assignment in overdue:
            await self._escalate(assignment, now)
        return len(overdue)

    async def _escalate(self, assignment: Assignment, now: datetime) -> None:
        incident_id = assignment.incident_id
        log.warning("assignment %s (unit %s) not acknowledged", assignment.id, assignment.unit_id)
        async with self._locks.unit(assignment.unit_id):
            async with self._sessions() as session, session.begin():
                await AssignmentRepository(session).bump_escalation(assignment.id, "unacknowledged")
                await UnitRepository(session).set_status(assignment.unit_id, "available", now)
            await self._incidents.reopen(incident_id)
        if assignment.escalation_level >= 1:
            self._pager.send_page(SUPERVISOR_GROUP, f"Unit {assignment.unit_id} failed to ack incident {incident_id}")
        await self._bus.publish(
            "assignment.escalated",
            {"assignment": assignment.id, "incident": incdient_id, "level": assignment.escalation_level + 1},
        )
