from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from telco.repositories.billing import InvoiceRepository
from telco.repositories.subscribers import SubscriberRepository
from telco.repositories.usage import UsageRepository
from telco.services.statements import StatementWriter
from telco.utils.timeutil import in_period, period_bounds

logger = logging.getLogger(__name__)


class BillingService:
    def __init__(
        self,
        usage: UsageRepository,
        session_factory: async_sessionmaker[AsyncSession],
        writer: StatementWriter,
    ) -> None:
        self._usage = usage
        self._session_factory = session_factory
        self._writer = writer

    async def render_statement(self, subscriber_id: int, period: str) -> Path:
        start, end = period_bounds(period)
        records = await self._usage.history(subscriber_id, end, limit=5000)
        in_range = [dict(r) for r in records if in_period(r["started_at"], start, end)]
        path = self._writer.write(subscriber_id, period, in_range)
        logger.info("statement for %s/%s written to %s", subscriber_id, period, path.name)
        return path

    async def invoice_page(self, period: str, after_id: int, limit: int = 500) -> tuple[int, int]:
        """Invoice one page of active subscribers; returns (last id, count)."""
        async with self._session_factory() as session, session.begin():
            subscribers = await SubscriberRepository(session).list_active(after_id=after_id, limit=limit)
            invoices = InvoiceRepository(session)
            for subscriber in subscribers:
                total = await self._usage.sum_for_period(subscriber.id, period)
                await invoices.upsert(subscriber.id, period, total)
        if not subscribers:
            return after_id, 0
        return subscribers[-1].id, len(subscribers)
