"""Background jobs: nightly churn outreach and renewals, and the waitlist promoter."""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta, timezone

import asyncpg
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from redis.asyncio import Redis

from svc import config
from svc.db.postgres import Database
from svc.repositories.bookings import BookingRepository
from svc.repositories.members import MemberRepository
from svc.services.billing import BillingService
from svc.services.notifications import Notifier
from svc.services.reports import ReportService
from svc.services.waitlist import WaitlistService

logger = logging.getLogger(__name__)


def churn_lock_key() -> str:
    return "locks:churn-report"


async def churn_outreach(db: Database, members: MemberRepository, notifier: Notifier) -> int:
    """Email members who have not visited recently, unless they had a burst of visits before going quiet."""
    now = datetime.now(timezone.utc)
    window = timedelta(days=config.CHURN_WINDOW_DAYS)
    at_risk = await members.inactive_since(now - window)
    contacted = 0
    async with db.pool.acquire() as conn:
        for member in at_risk:
            try:
                earlier_visits = await conn.fetchval(
                    "SELECT count(*) FROM check_ins WHERE member_id = $1 AND checked_in_at >= $2",
                    member["id"], now - 3 * window,
                )
                template = "we_miss_you" if earlier_visits >= 8 else "come_back_offer"
                await notifier.send_email(to=member["email"], template=template, context={"member_id": member["id"]})
                contacted += 1
            except (asyncpg.PostgresError, LookupError):
                continue
    logger.info("churn outreach contacted %d of %d members", contacted, len(at_risk))
    return contacted


async def expire_lapsed_memberships(db: Database) -> int:
    conn = await db.pool.acquire(timeout=10.0)
    rows = await conn.fetch(
        """
        UPDATE memberships SET status = 'lapsed'
        WHERE status = 'past_due' AND renews_at < now() - interval '14 days'
        RETURNING member_id
        """
    )
    await db.pool.release(conn)
    return len(rows)


async def run_renewals(billing: BillingService) -> None:
    due = await billing.due_for_renewal(datetime.now(timezone.utc))
    renewed = 0
    for membership in due:
        try:
            renewed += await billing.renew(membership)
        except Exception as exc:
            logger.error("renewal failed for membership %s: %r", membership["id"], exc)
    logger.info("renewed %d of %d memberships", renewed, len(due))


async def nightly_churn_report(reports: ReportService) -> None:
    path = await reports.churn_report(datetime.now(timezone.utc))
    logger.info("nightly churn report written to %s", path)


def build_scheduler(
    db: Database, members: MemberRepository, notifier: Notifier, billing: BillingService, reports: ReportService
) -> AsyncIOScheduler:
    scheduler = AsyncIOScheduler(timezone="UTC")
    scheduler.add_job(churn_outreach, CronTrigger(hour=2, minute=30), args=[db, members, notifier], id="churn-outreach")
    scheduler.add_job(nightly_churn_report, CronTrigger(hour=3), args=[reports], id="churn-report")
    scheduler.add_job(run_renewals, CronTrigger(hour=4), args=[billing], id="renewals")
    scheduler.add_job(expire_lapsed_memberships, CronTrigger(hour=5), args=[db], id="expire-lapsed")
    return scheduler


class WaitlistPromoter:
    """Promotes waitlisted members into classes with open seats; one replica at a time does the work."""

    LOCK_NAME = "locks:waitlist-promoter"

    def __init__(
        self,
        db: Database,
        redis: Redis,
        bookings: BookingRepository,
        waitlist: WaitlistService,
        interval: float,
        acquire_timeout: float,
    ) -> None:
        self._db = db
        self._redis = redis
        self._bookings = bookings
        self._waitlist = waitlist
        self._interval = interval
        self._acquire_timeout = acquire_timeout
        self._stopping = asyncio.Event()

    def stop(self) -> None:
        self._stopping.set()

    async def _classes_to_fill(self) -> list[int]:
        conn = await self._db.pool.acquire(timeout=self._acquire_timeout)
        try:
            rows = await self._bookings.classes_with_open_seats(conn, datetime.now(timezone.utc))
        finally:
            await self._db.pool.release(conn)
        return [r["id"] for r in rows]

    async def tick(self) -> int:
        if not config.FEATURE_FLAGS.get("waitlist_auto_promote", True):
            return 0
        lock = self._redis.lock(self.LOCK_NAME, timeout=self._interval * 2)
        if not await lock.acquire(blocking=False):
            return 0
        try:
            promoted = 0
            for class_id in await self._classes_to_fill():
                promoted += len(await self._waitlist.promote(class_id))
            return promoted
        finally:
            await lock.release()

    async def run(self) -> None:
        failures = 0
        while not self._stopping.is_set():
            try:
                await self.tick()
                failures = 0
                delay = self._interval
            except Exception:
                failures += 1
                delay = min(300.0, self._interval * 2 ** failures)
                logger.exception("waitlist promoter tick failed (%d in a row)", failures)
            try:
                await asyncio.wait_for(self._stopping.wait(), timeout=delay)
            except asyncio.TimeoutError:
                pass
