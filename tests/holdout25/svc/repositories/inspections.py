"""ORM access to inspections and their event history."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from svc.db.models import Inspection, InspectionEvent


class InspectionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, inspection_id: int) -> Inspection | None:
        return await self._session.get(Inspection, inspection_id)

    async def for_inspector_day(self, inspector_id: int, day: date) -> Sequence[Inspection]:
        stmt = (
            select(Inspection)
            .where(Inspection.inspector_id == inspector_id, Inspection.scheduled_date == day)
            .order_by(Inspection.slot)
        )
        return (await self._session.scalars(stmt)).all()

    async def for_inspector_day_with_permits(self, inspector_id: int, day: date) -> Sequence[Inspection]:
        stmt = (
            select(Inspection)
            .options(selectinload(Inspection.permit))
            .where(Inspection.inspector_id == inspector_id, Inspection.scheduled_date == day)
        )
        return (await self._session.scalars(stmt)).all()

    async def requested_backlog(self, limit: int = 200) -> Sequence[Inspection]:
        stmt = (
            select(Inspection)
            .where(Inspection.status == "requested")
            .limit(limit)
        )
        return (await self._session.scalars(stmt)).all()

    async def slot_taken(self, inspector_id: int, day: date, slot: int) -> bool:
        stmt = select(Inspection.id).where(
            Inspection.inspector_id == inspector_id,
            Inspection.scheduled_date == day,
            Inspection.slot == slot,
        )
        return (await self._session.scalar(stmt)) is not None

    async def assign(self, inspection_id: int, inspector_id: int, day: date, slot: int) -> None:
        await self._session.execute(
            update(Inspection)
            .where(Inspection.id == inspection_id)
            .values(inspector_id=inspector_id, scheduled_date=day, slot=slot, status="scheduled")
        )

    async def assign_many(self, inspector_id: int, day: date, ordered_ids: list[int]) -> None:
        await self._session.execute(
            update(Inspection),
            [
                {"id": iid, "inspector_id": inspector_id, "scheduled_date": day, "slot": slot, "status": "scheduled"}
                for slot, iid in enumerate(ordered_ids)
            ],
        )

    async def claim_requested(self, inspection_id: int, inspector_id: int, day: date, slot: int) -> bool:
        result = await self._session.execute(
            update(Inspection)
            .where(Inspection.id == inspection_id, Inspection.status == "requested")
            .values(inspector_id=inspector_id, scheduled_date=day, slot=slot, status="scheduled")
            .returning(Inspection.id)
        )
        return result.scalar_one_or_none() is not None

    async def add_event(self, inspection_id: int, status: str, note: str = "") -> InspectionEvent:
        event = InspectionEvent(inspection_id=inspection_id, status=status, note=note)
        self._session.add(event)
        await self._session.flush()
        return event

    async def events_for(self, inspection_id: int) -> Sequence[InspectionEvent]:
        stmt = (
            select(InspectionEvent)
            .where(InspectionEvent.inspection_id == inspection_id)
            .order_by(InspectionEvent.created_at)
        )
        return (await self._session.scalars(stmt)).all()
