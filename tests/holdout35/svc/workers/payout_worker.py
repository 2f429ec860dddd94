"""Nightly payout run: schedule payouts from unpaid earnings, then send transfers."""
from __future__ import annotations

import asyncio
import logging
from datetime import date, datetime, timedelta, timezone

from svc.services.payout_service import PayoutService

logger = logging.getLogger(__name__)

RUN_AT_HOUR_UTC = 2


def seconds_until_next_run(now: datetime) -> float:
    target = now.replace(hour=RUN_AT_HOUR_UTC, minute=0, second=0, microsecond=0)
    if target <= now:
        target += timedelta(days=1)
    return (target - now).total_seconds()


class PayoutWorker:
    def __init__(self, service: PayoutService) -> None:
        self.service = service

    async def run_once(self, today: date) -> None:
        created = await self.service.schedule(today)
        logger.info("scheduled %d payouts for %s", created, today)
        await self.service.pay_all_pending()

    async def run_forever(self) -> None:
        while True:
            await asyncio.sleep(seconds_until_next_run(datetime.now(timezone.utc)))
            today = datetime.now(timezone.utc).date()
            try:
                await self.run_once(today)
            except Exception:
                logger.exception("payout run for %s failed", today)
