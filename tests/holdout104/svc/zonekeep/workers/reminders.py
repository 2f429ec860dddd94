"""Expiry reminder e-mails and the weekly digest."""
from __future__ import annotations

import asyncio
from datetime import datetime, timezone

from zonekeep.clients.outbound import Mailer
from zonekeep.core.db import SessionLocal
from zonekeep.core.logging import get_logger
from zonekeep.core.redis import get_redis
from zonekeep.core.settings import get_settings
from zonekeep.services.reminders import ReminderService
from zonekeep.workers.common import run_periodic

log = get_logger("workers.reminders")


async def tick(mailer: Mailer) -> None:
    settings = get_settings()
    async with SessionLocal() as session:
        service = ReminderService(session, mailer, settings)
        sent = await service.send_due()
        log.info("sent %d expiry reminders", sent)

        now = datetime.now(timezone.utc)
        if now.weekday() == 0:
            week = now.strftime("%G-%V")
            if await get_redis().set(f"lock:digest:{week}", "1", nx=True, ex=8 * 86400):
                n = await service.weekly_digest()
                log.info("weekly digest sent to %d accounts", n)


async def main() -> None:
    mailer = Mailer(get_settings())
    try:
        await run_periodic("reminders", 3600, lambda: tick(mailer))
    finally:
        await mailer.aclose()


if __name__ == "__main__":
    asyncio.run(main())
