from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from sqlalchemy import select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from glide.models import SettlementBatch, SettlementLine


class SettlementRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def try_advisory_lock(self, key: int) -> bool:
        result = await self._s.execute(text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": key})
        return bool(result.scalar_one())

    async def batch_for(self, business_date: date) -> SettlementBatch | None:
        result = await self._s.execute(
            select(SettlementBatch).where(SettlementBatch.business_date == business_date)
        )
        return result.scalar_one_or_none()

    async def create_batch(self, business_date: date) -> SettlementBatch:
        await self._s.execute(
            insert(SettlementBatch)
            .values(id=uuid.uuid4(), business_date=business_date)
            .on_conflict_do_nothing(index_elements=[SettlementBatch.business_date])
        )
        batch = await self.batch_for(business_date)
        assert batch is not None
        return batch

    async def add_lines(self, batch_id: uuid.UUID, lines: Sequence[tuple[uuid.UUID, int]]) -> None:
        if not lines:
            return
        await self._s.execute(
            insert(SettlementLine)
            .values([{"id": uuid.uuid4(), "batch_id": batch_id, "ride_id": r, "amount_cents": a} for r, a in lines])
            .on_conflict_do_nothing(constraint="uq_settlement_lines_ride")
        )

    async def daily_rows(self, business_date: date) -> list[dict]:
        result = await self._s.execute(
            text(
                """
                SELECT r.id, r.zone_id, r.fare_cents, r.distance_m, r.started_at, r.ended_at
                  FROM rides r
                  JOIN settlement_lines l ON l.ride_id = r.id
                  JOIN settlement_batches b ON b.id = l.batch_id
                 WHERE b.business_date = :d
                """
            ),
            {"d": business_date},
        )
        return [dict(r._mapping) for r in result]
