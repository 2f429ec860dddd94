from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import DailySettlement, Nomination


class NominationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def upsert_draft(self, site_id: int, day: date, hourly_mwh: list[float]) -> None:
        stmt = insert(Nomination).values(site_id=site_id, delivery_day=day, hourly_mwh=hourly_mwh, status="draft")
        stmt = stmt.on_conflict_do_update(
            constraint="uq_nomination_site_day",
            set_={"hourly_mwh": stmt.excluded.hourly_mwh},
            where=Nomination.status == "draft",
        )
        await self._session.execute(stmt)

    async def lock_for_submit(self, site_id: int, day: date) -> Nomination | None:
        result = await self._session.execute(
            select(Nomination)
            .where(Nomination.site_id == site_id, Nomination.delivery_day == day)
            .with_for_update()
        )
        return result.scalar_one_or_none()

    async def mark_submitted(self, nomination: Nomination, market_ref: str, at: datetime) -> None:
        nomination.status = "submitted"
        nomination.market_ref = market_ref
        nomination.submitted_at = at

    async def drafts_for_day(self, day: date) -> list[Nomination]:
        result = await self._session.execute(
            select(Nomination).where(Nomination.delivery_day == day, Nomination.status == "draft")
        )
        return list(result.scalars())


class SettlementRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def upsert(self, site_id: int, day: date, energy_mwh: float, revenue: float, availability: float) -> None:
        stmt = insert(DailySettlement).values(
            site_id=site_id, day=day, energy_mwh=energy_mwh, revenue_eur=revenue, availability_pct=availability
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=["site_id", "day"],
            set_={"energy_mwh": energy_mwh, "revenue_eur": revenue, "availability_pct": availability},
        )
        await self._session.execute(stmt)
