from __future__ import annotations

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from telco.models import Invoice, ThresholdNotice


class InvoiceRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def upsert(self, subscriber_id: int, period: str, total_cents: int) -> None:
        stmt = insert(Invoice).values(subscriber_id=subscriber_id, period=period, total_cents=total_cents)
        stmt = stmt.on_conflict_do_update(
            constraint="uq_invoices_subscriber_period",
            set_={"total_cents": stmt.excluded.total_cents},
            where=Invoice.status == "draft",
        )
        await self._session.execute(stmt)

    async def record_notice(self, subscriber_id: int, period: str, threshold: int) -> bool:
        stmt = (
            insert(ThresholdNotice)
            .values(subscriber_id=subscriber_id, period=period, threshold=threshold)
            .on_conflict_do_nothing(constraint="uq_threshold_notices")
            .returning(ThresholdNotice.id)
        )
        result = await self._session.execute(stmt)
        return result.scalar_one_or_none() is not None
