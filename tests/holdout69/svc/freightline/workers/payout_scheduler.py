"""Run weekly settlements on Monday mornings."""
from __future__ import annotations

import logging
from datetime import datetime, timezone

from freightline.container import Services
from freightline.db.engine import sessionmaker
from freightline.utils.locks import distributed_lock
from freightline.workers.base import PeriodicWorker

logger = logging.getLogger(__name__)

RUN_WEEKDAY = 0
RUN_HOUR_UTC = 14


class PayoutScheduler(PeriodicWorker):
    name = "payout_scheduler"
    interval = 300.0

    def __init__(self, services: Services) -> None:
        self._services = services

    async def run_once(self) -> int:
        now = datetime.now(timezone.utc)
        if now.weekday() != RUN_WEEKDAY or now.hour != RUN_HOUR_UTC:
            return 0
        marker = f"payouts:done:{now.date().isoformat()}"
        if await self._services.redis.exists(marker):
            return 0
        async with distributed_lock(self._services.redis, "payouts-weekly", ttl_seconds=60) as acquired:
            if not acquired:
                return 0
            async with sessionmaker()() as session:
                summary = await self._services.payouts(session).run_week(now)
            await self._services.redis.set(marker, "1", ex=7 * 24 * 3600)
        logger.info("weekly payouts: %s", summary)
        return summary["sent"]
