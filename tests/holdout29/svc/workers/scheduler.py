"""Periodic jobs."""

from __future__ import annotations

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from svc.workers.reminders import ReminderWorker


def build_scheduler(worker: ReminderWorker) -> AsyncIOScheduler:
    scheduler = AsyncIOScheduler(timezone="UTC")
    scheduler.add_job(
        worker.send_inactivity_reminders,
        "interval",
        minutes=30,
        id="inactivity-reminders",
        max_instances=1,
        coalesce=True,
    )
    scheduler.add_job(
        worker.instructor_digest, "cron", day_of_week="mon", hour=7, id="instructor-digest"
    )
    return scheduler
