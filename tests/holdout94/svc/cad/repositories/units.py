from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, text, update

from ..models import Assignment, Unit
from .base import BaseRepository


class UnitRepository(BaseRepository[Unit]):
    model = Unit

    async def by_callsign(self, callsign: str) -> Unit | None:
        return await self.session.scalar(select(Unit).where(Unit.callsign == callsign))

    async def list_available(self, unit_types: Sequence[str]) -> list[Unit]:
        stmt = select(Unit).where(Unit.status.in_(("available", "staged")), Unit.unit_type.in_(unit_types))
        return list((await self.session.execute(stmt)).scalars())

    async def claim_available(self, unit_id: int, now: datetime) -> bool:
        # Conditional update: only one dispatcher can move a unit out of "available".
        result = await self.session.execute(
            text(
                "UPDATE units SET status = 'dispatched', status_changed_at = :now "
                "WHERE id = :id AND status IN ('available', 'staged') RETURNING id"
            ),
            {"id": unit_id, "now": now},
        )
        return result.scalar_one_or_none() is not None

    async def set_status(self, unit_id: int, status: str, now: datetime) -> None:
        await self.session.execute(
            update(Unit).where(Unit.id == unit_id).values(status=status, status_changed_at=now)
        )

    async def units_for_incident(self, incident_id: int) -> list[Unit]:
        stmt = (
            select(Unit)
            .join(Assignment, Assignment.unit_id == Unit.id)
            .where(Assignment.incident_id == incident_id, Assignment.status != "cleared")
        )
        return list((await self.session.execute(stmt)).scalars())

    async def units_for_incidents(self, incident_ids: Sequence[int]) -> dict[int, list[Unit]]:
        if not incident_ids:
            return {}
        stmt = (
            select(Assignment.incident_id, Unit)
            .join(Unit, Assignment.unit_id == Unit.id)
            .where(Assignment.incident_id.in_(incident_ids), Assignment.status != "cleared")
        )
        grouped: dict[int, list[Unit]] = {i: [] for i in incident_ids}
        for incident_id, unit in (await self.session.execute(stmt)).all():
            grouped[incident_id].append(unit)
        return grouped

    async def mark_out_of_service(self, unit_ids: Sequence[int], now: datetime) -> int:
        result = await self.session.execute(
            update(Unit)
            .where(Unit.id.in_(unit_ids), Unit.status.in_(("available", "staged")))
            .values(status="out_of_service", status_changed_at=now)
        )
        return result.rowcount or 0
