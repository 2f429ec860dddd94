from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from readroom.models import CriticalAlert


class AlertRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, alert_id: int) -> CriticalAlert | None:
        return await self.session.get(CriticalAlert, alert_id)

    async def open_for_study(self, study_id: int, finding_code: str) -> CriticalAlert | None:
        result = await self.session.execute(
            select(CriticalAlert).where(
                CriticalAlert.study_id == study_id,
                CriticalAlert.finding_code == finding_code,
                CriticalAlert.state == "OPEN",
            )
        )
        return result.scalars().first()

    async def create(self, *, report_id: int, study_id: int, referrer_id: int | None, finding_code: str,
                     message: str) -> CriticalAlert:
        alert = CriticalAlert(
            report_id=report_id,
            study_id=study_id,
            referrer_id=referrer_id,
            finding_code=finding_code,
            message=message,
            state="OPEN",
        )
        self.session.add(alert)
        await self.session.flush()
        return alert

    async def unacknowledged_before(self, cutoff: datetime, limit: int = 200) -> list[CriticalAlert]:
        result = await self.session.execute(
            select(CriticalAlert)
            .where(CriticalAlert.state == "OPEN", CriticalAlert.raised_at < cutoff)
            .order_by(CriticalAlert.raised_at)
            .limit(limit)
        )
        return list(result.scalars())

    async def acknowledge(self, alert_id: int, who: str, when: datetime) -> bool:
        result = await self.session.execute(
            update(CriticalAlert)
            .where(CriticalAlert.id == alert_id, CriticalAlert.state == "OPEN")
            .values(state="ACKED", acknowledged_at=when, acknowledged_by=who)
            .returning(CriticalAlert.id)
        )
        return result.scalar_one_or_none() is not None

    async def bump_escalation(self, alert_id: int) -> None:
        await self.session.execute(
            update(CriticalAlert)
            .where(CriticalAlert.id == alert_id)
            .values(escalation_level=CriticalAlert.escalation_level + 1)
        )

    async def for_study(self, study_id: int) -> list[CriticalAlert]:
        result = await self.session.execute(
            select(CriticalAlert).where(CriticalAlert.study_id == study_id).order_by(CriticalAlert.raised_at.desc())
        )
        return list(result.scalars())

    async def recent(self, limit: int = 50) -> list[CriticalAlert]:
        result = await self.session.execute(
            select(CriticalAlert).order_by(CriticalAlert.raised_at.desc()).limit(limit)
        )
        return list(result.scalars())
