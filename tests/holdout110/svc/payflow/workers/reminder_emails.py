"""Sends due timesheet reminders. ``python -m payflow.workers.reminder_emails``"""
from __future__ import annotations

import time

import structlog

from payflow.clients.email_client import EmailClient
from payflow.db.engine import SessionFactory
from payflow.repositories.ops_repo import ReminderRepository
from payflow.services.reminder_service import ReminderService
from payflow.settings import get_settings
from payflow.workers.base import GracefulExit, run_worker

log = structlog.get_logger(__name__)

BATCH_PAUSE_SECONDS = 2


async def drain(email: EmailClient) -> int:
    total = 0
    while True:
        async with SessionFactory() as session:
            service = ReminderService(ReminderRepository(session), email)
            sent = await service.send_claimed()
            await session.commit()
        total += sent
        if sent == 0:
            return total
        # Stay under the mail provider's per-second sending quota.
        time.sleep(BATCH_PAUSE_SECONDS)


async def main(exit_: GracefulExit) -> None:
    settings = get_settings()
    email = EmailClient()
    await email.start()
    try:
        while not exit_.stopping:
            try:
                sent = await drain(email)
                if sent:
                    log.info("reminders_sent", count=sent)
            except Exception:
                log.exception("reminder_cycle_failed")
            await exit_.sleep(settings.reminder_interval_seconds)
    finally:
        await email.close()


if __name__ == "__main__":
    run_worker("reminder_emails", main)
