from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timezone

from .base import PollingWorker

logger = logging.getLogger(__name__)


class RecurringChargeWorker(PollingWorker):
    name = "recurring-charges"

    def __init__(self, container) -> None:
        super().__init__(container)
        self.interval = container.settings.recurring_poll_seconds
        self._plans = container.plans
        self._recurring = container.recurring

    async def tick(self) -> None:
        now = datetime.now(timezone.utc)
        due = await self._plans.due(now)
        if not due:
            return
        results = await asyncio.gather(*(self._recurring.charge_plan(plan) for plan in due), return_exceptions=True)
        ok = sum(1 for r in results if r is True)
        errors = [r for r in results if isinstance(r, BaseException)]
        for err in errors:
            logger.error("recurring charge crashed", exc_info=err)
        logger.info("recurring run: %d due, %d charged, %d errors", len(due), ok, len(errors))
