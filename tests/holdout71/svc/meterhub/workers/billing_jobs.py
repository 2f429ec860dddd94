"""Recurring billing-side jobs: the nightly billing cycle, dunning passes and
the notification outbox."""
from __future__ import annotations

import asyncio
import logging
from datetime import date, datetime, timedelta

from ..clients.headend import HeadEndClient
from ..clients.sms_gateway import SmsGateway
from ..config import get_settings
from ..db import SessionLocal
from ..repositories.invoices import InvoiceRepository
from ..services.billing_run import BillingRun
from ..services.dunning import DunningService
from ..services.notification import NotificationDispatcher
from ..utils.timeutil import LOCAL_TZ

log = logging.getLogger(__name__)
IDLE_SLEEP_S = 5.0


def seconds_until(hour: int, now: datetime) -> float:
    target = now.replace(hour=hour, minute=0, second=0, microsecond=0)
    if target <= now:
        target += timedelta(days=1)
    return (target - now).total_seconds()


class BillingScheduler:
    """Kicks off the nightly billing cycle for accounts whose billing day is today."""

    def __init__(self) -> None:
        self._hour = get_settings().billing_cycle_hour
        self._billing = BillingRun()

    async def run(self) -> None:
        while True:
            await asyncio.sleep(seconds_until(self._hour, datetime.now(LOCAL_TZ)))
            today = datetime.now(LOCAL_TZ).date()
            if today.day > 28:
                log.info("no billing cycle on day %d", today.day)
                continue
            summary = await self._billing.run_cycle(today.day, today)
            log.info("nightly billing finished: %s", summary)


class DunningWorker:
    def __init__(self, sms: SmsGateway, headend: HeadEndClient) -> None:
        self._sms = sms
        self._headend = headend
        self._interval = get_settings().dunning_interval_s

    async def run(self) -> None:
        while True:
            today = date.today()
            async with SessionLocal() as session:
                batch = await InvoiceRepository(session).overdue_unnotified(today, limit=500)
                escalated = await DunningService(session, self._sms, self._headend).process(batch, today)
            log.info("dunning pass: %d overdue invoices examined, %d escalated", len(batch), escalated)
            await asyncio.sleep(self._interval)


async def run_notifications(sms: SmsGateway) -> None:
    dispatcher = NotificationDispatcher(sms)
    while True:
        handled = await dispatcher.dispatch_pending()
        if handled == 0:
            await asyncio.sleep(IDLE_SLEEP_S)
