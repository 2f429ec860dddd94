"""Morning job: per-venue PDF summaries for yesterday and reminders for today."""

from __future__ import annotations

import asyncio
import logging
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from redis.asyncio import Redis

from svc.clients.sms import SmsClient
from svc.db.pool import Database
from svc.services.reporting import ReportingService

logger = logging.getLogger(__name__)

RUN_CLAIM_KEY = "daily-report:claimed"


def _reminder_text(row: Any) -> str:
    return f"Hi {row['first_name']}, see you at {row['venue_name']} today at {row['starts_at']:%H:%M}. Reply C to cancel."


async def _sleep_until(hour_utc: int) -> None:
    now = datetime.now(timezone.utc)
    target = datetime.combine(now.date(), time(hour=hour_utc), tzinfo=timezone.utc)
    if target <= now:
        target += timedelta(days=1)
    await asyncio.sleep((target - now).total_seconds())


async def send_reminders(db: Database, sms: SmsClient, day_start: datetime, day_end: datetime) -> int:
    async with db.connection() as conn:
        rows = await conn.fetch(
            "SELECT r.id, g.phone_e164, g.first_name, r.starts_at, v.name AS venue_name FROM reservations r "
            "JOIN guests g ON g.id = r.guest_id JOIN venues v ON v.id = r.venue_id "
            "WHERE r.status = 'booked' AND r.starts_at >= $1 AND r.starts_at < $2",
            day_start,
            day_end,
        )
    results = await asyncio.gather(*(sms.send(r["phone_e164"], _reminder_text(r)) for r in rows), return_exceptions=True)
    failures = sum(1 for r in results if isinstance(r, BaseException))
    if failures:
        logger.warning("%d of %d reminders failed", failures, len(rows))
    return len(rows) - failures


async def build_reports(db: Database, reporting: ReportingService, day: date) -> int:
    day_start = datetime.combine(day, time.min, tzinfo=timezone.utc)
    day_end = day_start + timedelta(days=1)
    async with db.connection() as conn:
        venues = await conn.fetch("SELECT id, name FROM venues ORDER BY id")
    summaries = await reporting.daily_summaries(day_start, day_end)
    reports: list[tuple[int, date, bytes]] = []
    for venue in venues:
        summary = summaries.get(venue["id"])
        if summary is None:
            continue
        pdf = await reporting.daily_pdf(venue["name"], day.isoformat(), summary)
        reports.append((venue["id"], day, pdf))
    async with db.connection() as conn:
        await conn.executemany("INSERT INTO daily_reports (venue_id, day, pdf) VALUES ($1, $2, $3) ON CONFLICT (venue_id, day) DO UPDATE SET pdf = EXCLUDED.pdf", reports)
    return len(reports)


async def run_forever(db: Database, redis: Redis, sms: SmsClient, reporting: ReportingService, hour_utc: int) -> None:
    while True:
        try:
            await _sleep_until(hour_utc)
            today = datetime.now(timezone.utc).date()
            if not await redis.set(f"{RUN_CLAIM_KEY}:{today.isoformat()}", "1", nx=True, ex=2 * 86400):
                logger.info("daily job for %s already claimed by another replica", today)
                continue
            built = await build_reports(db, reporting, today - timedelta(days=1))
            today_start = datetime.combine(today, time.min, tzinfo=timezone.utc)
            sent = await send_reminders(db, sms, today_start, today_start + timedelta(days=1))
            logger.info("daily job: %d reports, %d reminders", built, sent)
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("daily report job failed")
            await asyncio.sleep(60)
