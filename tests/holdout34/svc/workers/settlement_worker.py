"""Settles markets of recently finished matches."""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta, timezone

from svc.db.repositories.matches import MatchRepository
from svc.services.settlement import SettlementService

logger = logging.getLogger(__name__)


class SettlementWorker:
    def __init__(self, service: SettlementService, matches: MatchRepository, interval: float = 60.0) -> None:
        self._service = service
        self._matches = matches
        self._interval = interval
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self.run(), name="settlement-worker")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    async def run_once(self) -> int:
        since = datetime.now(timezone.utc) - timedelta(days=2)
        total = 0
        for match_id in await self._matches.finished_since(since):
            try:
                total += await self._service.settle_match_markets(match_id)
            except Exception:
                logger.exception("settlement of match %s failed; will retry next cycle", match_id)
        return total

    async def run(self) -> None:
        while True:
            try:
                settled = await self.run_once()
                if settled:
                    logger.info("settlement cycle: %d markets settled", settled)
            except Exception:
                logger.exception("settlement cycle failed")
            await asyncio.sleep(self._interval)
