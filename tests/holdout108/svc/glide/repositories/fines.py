from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from glide.models import DamageReport, Fine, FineStatus


class FineRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def get(self, fine_id: uuid.UUID) -> Fine | None:
        return await self._s.get(Fine, fine_id)

    async def get_for_update(self, fine_id: uuid.UUID) -> Fine | None:
        result = await self._s.execute(select(Fine).where(Fine.id == fine_id).with_for_update())
        return result.scalar_one_or_none()

    async def find_for_ride(self, ride_id: uuid.UUID, kind: str) -> Fine | None:
        stmt = select(Fine).where(Fine.ride_id == ride_id, Fine.kind == kind)
        return (await self._s.execute(stmt)).scalars().first()

    async def create(self, fine: Fine) -> Fine:
        self._s.add(fine)
        await self._s.flush()
        return fine

    async def unpaid_for_rider(self, rider_id: uuid.UUID) -> Sequence[Fine]:
        stmt = select(Fine).where(Fine.rider_id == rider_id, Fine.status == FineStatus.ISSUED)
        return (await self._s.execute(stmt)).scalars().all()

    async def due_for_reminder(self, now: datetime, limit: int = 200) -> Sequence[Fine]:
        stmt = (
            select(Fine)
            .where(
                Fine.status == FineStatus.ISSUED,
                Fine.due_at < now,
                Fine.reminder_sent_at.is_(None),
            )
            .order_by(Fine.due_at)
            .limit(limit)
        )
        return (await self._s.execute(stmt)).scalars().all()

    async def mark_reminded(self, fine_ids: Sequence[uuid.UUID], at: datetime) -> None:
        if fine_ids:
            await self._s.execute(
                update(Fine).where(Fine.id.in_(fine_ids)).values(reminder_sent_at=at)
            )

    async def add_damage_report(self, report: DamageReport) -> DamageReport:
        self._s.add(report)
        await self._s.flush()
        return report

    async def damage_reports_for_vehicle(self, vehicle_id: uuid.UUID, limit: int = 20) -> Sequence[DamageReport]:
        stmt = (
            select(DamageReport)
            .where(DamageReport.vehicle_id == vehicle_id)
            .order_by(DamageReport.created_at.desc())
            .limit(limit)
        )
        return (await self._s.execute(stmt)).scalars().all()
