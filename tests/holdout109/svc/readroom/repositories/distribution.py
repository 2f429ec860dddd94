from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from readroom.models import Distribution


class DistributionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def create_many(self, rows: list[dict]) -> list[Distribution]:
        items = [Distribution(**row) for row in rows]
        self.session.add_all(items)
        await self.session.flush()
        return items

    async def list_pending(self, now: datetime, limit: int = 100) -> list[Distribution]:
        result = await self.session.execute(
            select(Distribution)
            .where(Distribution.status == "PENDING", Distribution.next_attempt_at <= now)
            .order_by(Distribution.next_attempt_at)
            .limit(limit)
        )
        return list(result.scalars())

    async def claim_due(self, now: datetime, limit: int = 50) -> list[Distribution]:
        result = await self.session.execute(
            select(Distribution)
            .where(Distribution.status == "PENDING", Distribution.next_attempt_at <= now)
            .order_by(Distribution.next_attempt_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        rows = list(result.scalars())
        for row in rows:
            row.status = "SENDING"
            row.attempts += 1
        await self.session.flush()
        return rows

    async def mark_sent(self, dist_id: int, external_id: str) -> None:
        await self.session.execute(
            update(Distribution)
            .where(Distribution.id == dist_id)
            .values(status="SENT", external_id=external_id, last_error=None)
        )

    async def mark_failed(self, dist_id: int, error: str, attempts: int, max_attempts: int, now: datetime) -> None:
        status = "FAILED" if attempts >= max_attempts else "PENDING"
        backoff = timedelta(minutes=min(60, 2 ** attempts))
        await self.session.execute(
            update(Distribution)
            .where(Distribution.id == dist_id)
            .values(status=status, last_error=error[:500], next_attempt_at=now + backoff)
        )

    async def for_report(self, report_id: int) -> list[Distribution]:
        result = await self.session.execute(select(Distribution).where(Distribution.report_id == report_id))
        return list(result.scalars())
