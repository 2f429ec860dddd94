from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..errors import NotFound
from ..models import AdverseEvent


class AdverseEventRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    def add(self, ae: AdverseEvent) -> None:
        self._s.add(ae)

    async def get(self, ae_id: int) -> AdverseEvent:
        ae = await self._s.get(AdverseEvent, ae_id)
        if ae is None:
            raise NotFound(f"adverse event {ae_id}")
        return ae

    async def list_for_subject(self, subject_id: int) -> list[AdverseEvent]:
        stmt = select(AdverseEvent).where(AdverseEvent.subject_id == subject_id).order_by(AdverseEvent.onset_date)
        return list(await self._s.scalars(stmt))

    async def unreported_serious(self, study_id: int) -> list[AdverseEvent]:
        stmt = select(AdverseEvent).where(
            AdverseEvent.study_id == study_id,
            AdverseEvent.seriousness != "non_serious",
            AdverseEvent.sponsor_notified_at.is_(None),
        )
        return list(await self._s.scalars(stmt))

    async def mark_notified(self, ae_id: int, case_ref: str, at: datetime) -> None:
        await self._s.execute(
            update(AdverseEvent)
            .where(AdverseEvent.id == ae_id)
            .values(case_ref=case_ref, sponsor_notified_at=at, version=AdverseEvent.version + 1)
        )
