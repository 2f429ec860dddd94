from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from fieldwise.db.models import IrrigationEvent, IrrigationSchedule


class IrrigationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def list_due(self, now: datetime, limit: int = 200) -> list[IrrigationSchedule]:
        stmt = (
            select(IrrigationSchedule)
            .where(IrrigationSchedule.status == "pending", IrrigationSchedule.next_run_at <= now)
            .order_by(IrrigationSchedule.next_run_at)
            .limit(limit)
        )
        return list((await self._session.scalars(stmt)).all())

    async def claim_due(self, now: datetime, limit: int = 50) -> list[IrrigationSchedule]:
        """Claim due schedules for this worker; safe with several workers running."""
        stmt = (
            select(IrrigationSchedule)
            .where(IrrigationSchedule.status == "pending", IrrigationSchedule.next_run_at <= now)
            .order_by(IrrigationSchedule.next_run_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        rows = list((await self._session.scalars(stmt)).all())
        for row in rows:
            row.status = "dispatching"
        await self._session.flush()
        return rows

    async def list_for_field(self, field_id: int) -> list[IrrigationSchedule]:
        stmt = select(IrrigationSchedule).where(IrrigationSchedule.field_id == field_id)
        return list((await self._session.scalars(stmt)).all())

    async def mark(self, schedule_id: int, status: str) -> None:
        await self._session.execute(
            update(IrrigationSchedule).where(IrrigationSchedule.id == schedule_id).values(status=status)
        )

    async def record_event(self, schedule_id: int | None, field_id: int, valve_id: str,
                           started_at: datetime, liters: Decimal, outcome: str) -> None:
        self._session.add(IrrigationEvent(schedule_id=schedule_id, field_id=field_id, valve_id=valve_id,
                                          started_at=started_at, liters=liters, outcome=outcome))

    async def events_for_field(self, field_id: int, since: datetime) -> list[IrrigationEvent]:
        stmt = (
            select(IrrigationEvent)
            .where(IrrigationEvent.field_id == field_id, IrrigationEvent.started_at >= since)
            .order_by(IrrigationEvent.started_at.desc())
        )
        return list((await self._session.scalars(stmt)).all())

    async def liters_used(self, field_id: int, since: datetime) -> Decimal:
        result = await self._session.execute(
            text("SELECT coalesce(sum(liters), 0) FROM irrigation_events WHERE field_id = :f AND started_at >= :s"),
            {"f": field_id, "s": since},
        )
        return result.scalar_one()
