from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..db import ReadingsPool
from ..models import Crew, DispatchJob, Outage


class OutageRepository:
    def __init__(self, session: AsyncSession, pool: ReadingsPool) -> None:
        self.session = session
        self._pool = pool

    async def open_outages(self) -> list[Outage]:
        stmt = select(Outage).where(Outage.resolved_at.is_(None)).order_by(Outage.started_at)
        return list(await self.session.scalars(stmt))

    async def open_for_feeder(self, feeder_id: str) -> Outage | None:
        stmt = select(Outage).where(Outage.feeder_id == feeder_id, Outage.resolved_at.is_(None))
        return (await self.session.execute(stmt)).scalars().first()

    async def create(self, outage: Outage) -> Outage:
        self.session.add(outage)
        await self.session.flush()
        return outage

    async def reports_for_outage(self, outage_id: int) -> list[dict]:
        async with self._pool.connection() as conn:
            rows = await conn.fetch(
                "SELECT id, premise_id, channel, message, created_at FROM outage_reports "
                "WHERE outage_id = $1 ORDER BY created_at DESC",
                outage_id,
            )
        return [dict(r) for r in rows]

    async def recent_reports_for_premise(self, premise_id: int, since: datetime) -> int:
        async with self._pool.connection() as conn:
            return await conn.fetchval(
                "SELECT count(*) FROM outage_reports WHERE premise_id = $1 AND created_at >= $2",
                premise_id,
                since,
            )

    async def add_report(self, premise_id: int, reported_by: str, channel: str, message: str | None) -> int:
        async with self._pool.connection() as conn:
            return await conn.fetchval(
                "INSERT INTO outage_reports (premise_id, reported_by, channel, message) "
                "VALUES ($1, $2, $3, $4) RETURNING id",
                premise_id,
                reported_by,
                channel,
                message,
            )


class CrewRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, crew_id: str) -> Crew | None:
        return await self.session.get(Crew, crew_id)

    async def on_shift(self) -> list[Crew]:
        return list(await self.session.scalars(select(Crew).where(Crew.on_shift.is_(True))))

    async def get_many(self, crew_ids: list[str]) -> dict[str, Crew]:
        if not crew_ids:
            return {}
        rows = await self.session.scalars(select(Crew).where(Crew.id.in_(crew_ids)))
        return {c.id: c for c in rows}

    async def add_job(self, job: DispatchJob) -> DispatchJob:
        self.session.add(job)
        await self.session.flush()
        return job

    async def jobs_for_crew(self, crew_id: str) -> list[DispatchJob]:
        stmt = (
            select(DispatchJob)
            .where(DispatchJob.crew_id == crew_id, DispatchJob.status != "closed")
            .order_by(DispatchJob.created_at)
        )
        return list(await self.session.scalars(stmt))
