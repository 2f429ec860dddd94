"""The scheduler the web app starts."""
from __future__ import annotations

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger

from billing.jobs import mark_overdue_invoices, refresh_exchange_rates


def build_scheduler() -> AsyncIOScheduler:
    scheduler = AsyncIOScheduler(timezone="UTC")
    scheduler.add_job(mark_overdue_invoices, CronTrigger(minute="*/10"), id="overdue", max_instances=1)
    scheduler.add_job(refresh_exchange_rates, "interval", minutes=1, id="rates")
    return scheduler
