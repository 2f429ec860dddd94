from __future__ import annotations

import logging

from redis.asyncio import Redis

from svc.clients.messaging import Mailer
from svc.db.engine import SessionLocal
from svc.db.pg import pool
from svc.repos.bills import BillsRepo
from svc.repos.readings import ReadingsRepo
from svc.routers.admin import flag
from svc.services.billing import BillingService
from svc.services.dunning import DunningService
from svc.services.notifications import Notifier
from svc.utils.locks import LockNotAcquired, redis_lock
from svc.utils.timeutil import previous_month, utcnow

logger = logging.getLogger(__name__)


async def monthly_bill_run(redis: Redis) -> None:
    today = utcnow().date()
    if today.day != 1:
        return
    year, month = previous_month(today)
    try:
        async with redis_lock(redis, f"bill-run:{year}-{month:02d}", ttl_ms=120_000, renew_every=30):
            async with SessionLocal() as session:
                summary = await BillingService(session, ReadingsRepo(pool())).run(year, month)
    except LockNotAcquired:
        logger.info("bill run for %d-%02d already running elsewhere", year, month)
        return
    logger.info("bill run %s: issued=%d skipped=%d failed=%d", summary.run_id, summary.issued, summary.skipped, summary.failed)


async def send_new_bills(mailer: Mailer) -> None:
    """Emails every issued bill that has not been emailed yet. Scheduled every 10 minutes."""
    async with SessionLocal() as session:
        repo = BillsRepo(session)
        bills = await repo.not_emailed()
        for bill in bills:
            account = bill.account
            if not account.email:
                continue
            await mailer.send(
                account.email,
                f"Your bill for {bill.period_start:%B %Y}",
                f"<p>Your bill of £{bill.total_cents / 100:.2f} is ready. It is due on {bill.due_date}.</p>",
            )
            await repo.mark_emailed(bill.id, utcnow())
            await session.commit()
        if bills:
            logger.info("bill mailer: processed %d bills", len(bills))


async def daily_dunning(notifier: Notifier) -> None:
    # Every replica runs this; DunningRepo.record() inserts (bill, stage) under a unique
    # index, so only the replica whose insert wins sends the notice.
    async with SessionLocal() as session:
        sent = await DunningService(session, notifier).run(utcnow().date())
    logger.info("dunning: %d notices sent (sms enabled=%s)", sent, flag("dunning_sms"))
