from __future__ import annotations

import asyncio
import logging

import asyncpg

from svc.repositories.records import StatementRepository
from svc.services.statements import Period, StatementService, previous_month

logger = logging.getLogger(__name__)


class StatementScheduler:
    """Generates last month's statement for every wallet that does not have one yet."""

    def __init__(self, repo: StatementRepository, service: StatementService, interval_s: int) -> None:
        self._repo = repo
        self._service = service
        self._interval_s = interval_s
        self._stopping = asyncio.Event()

    def stop(self) -> None:
        self._stopping.set()

    async def run(self) -> None:
        while not self._stopping.is_set():
            try:
                generated = await self.run_cycle()
                logger.info("statement cycle finished, %d generated", generated)
            except Exception:
                logger.exception("statement cycle failed")
            await asyncio.sleep(self._interval_s)

    async def run_cycle(self) -> int:
        period = previous_month()
        wallets = await self._repo.due_wallets(period.start)
        results = await asyncio.gather(*(self._generate_one(wallet, period) for wallet in wallets))
        return sum(results)

    async def _generate_one(self, wallet: asyncpg.Record, period: Period) -> int:
        try:
            await self._service.generate(wallet, period)
        except (OSError, asyncpg.PostgresError):
            return 0
        return 1
