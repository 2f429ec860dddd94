"""Spend ledger: the booked spend per campaign and day, as billed."""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from adbid.db.models import SpendLedger


class SpendRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def ledger_total(self, campaign_id: int, day: date) -> int:
        stmt = select(func.coalesce(func.sum(SpendLedger.amount_micros), 0)).where(
            SpendLedger.campaign_id == campaign_id, SpendLedger.day == day
        )
        return int((await self._session.execute(stmt)).scalar_one())

    async def ledger_totals(self, day: date) -> dict[int, int]:
        stmt = (
            select(SpendLedger.campaign_id, func.sum(SpendLedger.amount_micros))
            .where(SpendLedger.day == day)
            .group_by(SpendLedger.campaign_id)
        )
        return {cid: int(total) for cid, total in (await self._session.execute(stmt)).all()}

    async def upsert_entry(self, campaign_id: int, day: date, source: str, amount_micros: int,
                           fx_rate: float = 1.0) -> None:
        stmt = insert(SpendLedger).values(
            campaign_id=campaign_id, day=day, source=source, amount_micros=amount_micros, fx_rate=fx_rate
        )
        stmt = stmt.on_conflict_do_update(
            constraint="uq_ledger_campaign_day_source",
            set_={"amount_micros": stmt.excluded.amount_micros, "fx_rate": stmt.excluded.fx_rate},
        )
        await self._session.execute(stmt)

    async def commit(self) -> None:
        await self._session.commit()
