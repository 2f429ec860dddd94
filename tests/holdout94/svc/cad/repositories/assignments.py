from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update

from ..models import Assignment
from .base import BaseRepository


class AssignmentRepository(BaseRepository[Assignment]):
    model = Assignment

    async def create(self, incident_id: int, unit_id: int, ack_deadline: datetime) -> Assignment:
        row = Assignment(incident_id=incident_id, unit_id=unit_id, ack_deadline=ack_deadline)
        self.session.add(row)
        await self.session.flush()
        return row

    async def lock_for_ack(self, assignment_id: int) -> Assignment | None:
        stmt = select(Assignment).where(Assignment.id == assignment_id).with_for_update()
        return await self.session.scalar(stmt)

    async def overdue_unacknowledged(self, now: datetime, limit: int = 100) -> list[Assignment]:
        stmt = (
            select(Assignment)
            .where(Assignment.ack_deadline < now, Assignment.acknowledged_at.is_(None))
            .order_by(Assignment.ack_deadline)
            .limit(limit)
        )
        return list((await self.session.execute(stmt)).scalars())

    async def for_incident(self, incident_id: int) -> list[Assignment]:
        stmt = select(Assignment).where(Assignment.incident_id == incident_id)
        return list((await self.session.execute(stmt)).scalars())

    async def active_for_unit(self, unit_id: int) -> Assignment | None:
        stmt = select(Assignment).where(Assignment.unit_id == unit_id, Assignment.status == "assigned")
        return await self.session.scalar(stmt)

    async def bump_escalation(self, assignment_id: int, status: str) -> None:
        await self.session.execute(
            update(Assignment)
            .where(Assignment.id == assignment_id)
            .values(status=status, escalation_level=Assignment.escalation_level + 1)
        )
