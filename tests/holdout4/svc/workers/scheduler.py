from __future__ import annotations

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger

from svc.config import settings
from svc.services.email import EmailClient
from svc.workers.digest_job import run_daily_digest


def build_scheduler(email: EmailClient) -> AsyncIOScheduler:
    scheduler = AsyncIOScheduler(timezone="UTC")
    scheduler.add_job(
        run_daily_digest,
        CronTrigger(hour=settings.digest_hour_utc, minute=0),
        args=[email],
        id="daily-digest",
        max_instances=1,
        coalesce=True,
        misfire_grace_time=3600,
    )
    return scheduler
