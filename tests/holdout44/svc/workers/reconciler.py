"""Periodic on-chain vs ledger reconciliation."""
from __future__ import annotations

import asyncio
import logging

from svc.services.reconciliation_service import ReconciliationService
from svc.utils.observability import WORKER_LAST_RUN

log = logging.getLogger(__name__)


class Reconciler:
    name = "reconciler"

    def __init__(self, service: ReconciliationService, recent_txs, interval_s: float) -> None:
        self.service = service
        self.recent_txs = recent_txs
        self.interval_s = interval_s

    async def run(self) -> None:
        while True:
            for chain in ("btc", "eth"):
                txs = await self.recent_txs(chain)
                report = await self.service.reconcile_chain(chain, txs)
                log.info("reconciled %s: drift=%s", chain, report.drift)
            WORKER_LAST_RUN.labels(self.name).set_to_current_time()
            await asyncio.sleep(self.interval_s)
