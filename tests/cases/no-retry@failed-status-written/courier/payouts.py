"""Pays out approved payouts; a refused payout is marked failed for a human to look at."""
from __future__ import annotations

import asyncio
import logging

from .gateways import PayoutRail, PayoutRefused

log = logging.getLogger(__name__)


class PayoutRunner:
    def __init__(self, store, rail: PayoutRail) -> None:
        self._store = store
        self._rail = rail

    async def run_once(self) -> None:
        for payout in await self._store.approved_payouts():
            try:
                await self._rail.push(payout.id, payout.cents)  # expect: no-retry
            except PayoutRefused as exc:
                log.warning("payout %s refused: %s", payout.id, exc)
                payout.status = "failed"
            else:
                payout.status = "paid"
        await self._store.flush()

    async def run(self) -> None:
        while True:
            await self.run_once()
            await asyncio.sleep(60)
