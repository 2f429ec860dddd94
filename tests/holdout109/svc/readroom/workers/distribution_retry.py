"""Retries failed fax/email report deliveries with backoff.

Run as: python -m readroom.workers.distribution_retry
"""
from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from sqlalchemy import update

from readroom.clients.email_api import EmailClient, send_email_sync
from readroom.clients.fax_api import FaxClient
from readroom.db.engine import SessionFactory
from readroom.errors import DistributionError
from readroom.models import Distribution
from readroom.repositories.distribution import DistributionRepository
from readroom.repositories.orders import OrderRepository
from readroom.repositories.reports import ReportRepository
from readroom.services.distribution_service import DistributionService
from readroom.settings import get_settings
from readroom.utils.timeutil import utcnow
from readroom.workers.base import Worker, main

log = logging.getLogger(__name__)


class DistributionRetryWorker(Worker):
    name = "distribution-retry"
    interval = 20.0

    async def setup(self) -> None:
        await super().setup()
        self.settings = get_settings()
        self.service = DistributionService(FaxClient(), EmailClient())

    async def tick(self) -> None:
        reset = await StuckSendingReconciler().run_once()
        if reset:
            log.warning("reset %d stuck deliveries", reset)
        async with SessionFactory() as session:
            repo = DistributionRepository(session)
            batch = await repo.claim_due(utcnow(), limit=50)
            await session.commit()
            for dist in batch:
                report = await ReportRepository(session).get(dist.report_id)
                if report is None:
                    await repo.mark_failed(dist.id, "report missing", self.settings.distribution_max_attempts,
                                           self.settings.distribution_max_attempts, utcnow())
                    continue
                order = await OrderRepository(session).get_by_accession(report.accession_number)
                exam = order.procedure_description if order else ""
                try:
                    if dist.channel == "EMAIL" and dist.attempts >= 3:
                        # Fall back to the vendor's legacy endpoint after repeated API failures.
                        external_id = await asyncio.to_thread(
                            send_email_sync, dist.destination, f"Radiology report {report.accession_number}",
                            "Report attached."
                        )
                    else:
                        external_id = await self.service.deliver_offloaded(session, dist, report, exam)
                    await repo.mark_sent(dist.id, external_id)
                except (DistributionError, OSError) as exc:
                    log.warning("delivery %s attempt %s failed: %s", dist.id, dist.attempts, exc)
                    await repo.mark_failed(dist.id, str(exc), dist.attempts, self.settings.distribution_max_attempts, utcnow())
                await session.commit()


class StuckSendingReconciler:
    """Rows left in SENDING by a crashed worker go back to PENDING after a grace period."""

    def __init__(self, grace_minutes: int = 15) -> None:
        self.grace = timedelta(minutes=grace_minutes)

    async def run_once(self) -> int:
        async with SessionFactory() as session:
            result = await session.execute(
                update(Distribution)
                .where(Distribution.status == "SENDING", Distribution.next_attempt_at < utcnow() - self.grace)
                .values(status="PENDING", last_error="reset after worker interruption")
            )
            await session.commit()
        return result.rowcount or 0


if __name__ == "__main__":
    main(DistributionRetryWorker)
