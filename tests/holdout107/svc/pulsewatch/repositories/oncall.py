from __future__ import annotations

from datetime import datetime
from typing import Iterable, Optional
from uuid import UUID

from sqlalchemy import and_, select
from sqlalchemy.ext.asyncio import AsyncSession

from pulsewatch.db.models import OncallOverride, OncallSchedule


class OncallRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get_schedule(self, org_id: UUID, schedule_id: UUID) -> Optional[OncallSchedule]:
        result = await self._session.execute(
            select(OncallSchedule).where(OncallSchedule.id == schedule_id, OncallSchedule.org_id == org_id)
        )
        return result.scalar_one_or_none()

    async def schedules_for_org(self, org_id: UUID) -> list[OncallSchedule]:
        result = await self._session.execute(
            select(OncallSchedule).where(OncallSchedule.org_id == org_id).order_by(OncallSchedule.name)
        )
        return list(result.scalars())

    async def schedules_by_ids(self, schedule_ids: Iterable[UUID]) -> list[OncallSchedule]:
        ids = list(schedule_ids)
        if not ids:
            return []
        result = await self._session.execute(select(OncallSchedule).where(OncallSchedule.id.in_(ids)))
        return list(result.scalars())

    async def overrides_for(self, schedule_id: UUID, at: datetime) -> list[OncallOverride]:
        result = await self._session.execute(
            select(OncallOverride).where(
                and_(
                    OncallOverride.schedule_id == schedule_id,
                    OncallOverride.starts_at <= at,
                    OncallOverride.ends_at > at,
                )
            )
        )
        return list(result.scalars())

    async def overrides_for_many(self, schedule_ids: Iterable[UUID], at: datetime) -> dict[UUID, list[OncallOverride]]:
        ids = list(schedule_ids)
        grouped: dict[UUID, list[OncallOverride]] = {sid: [] for sid in ids}
        if not ids:
            return grouped
        result = await self._session.execute(
            select(OncallOverride).where(
                OncallOverride.schedule_id.in_(ids),
                OncallOverride.starts_at <= at,
                OncallOverride.ends_at > at,
            )
        )
        for override in result.scalars():
            grouped[override.schedule_id].append(override)
        return grouped

    async def add_override(self, schedule_id: UUID, user_id: UUID, starts_at: datetime, ends_at: datetime) -> OncallOverride:
        override = OncallOverride(schedule_id=schedule_id, user_id=user_id, starts_at=starts_at, ends_at=ends_at)
        self._session.add(override)
        await self._session.flush()
        return override

    async def set_rotation(self, schedule: OncallSchedule, rotation: list[UUID]) -> None:
        schedule.rotation = rotation
        await self._session.flush()
