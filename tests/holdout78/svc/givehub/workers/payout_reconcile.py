from __future__ import annotations

import asyncio
import logging
import os
import socket
from datetime import date, timedelta

from .base import PollingWorker

logger = logging.getLogger(__name__)

LOCK_KEY = "lock:payout-reconcile"


class PayoutReconcileWorker(PollingWorker):
    name = "payout-reconcile"

    def __init__(self, container) -> None:
        super().__init__(container)
        self.interval = container.settings.reconcile_interval_seconds
        self._redis = container.redis
        self._gateway = container.gateway
        self._bank = container.bank
        self._payouts = container.payouts
        self._payouts_repo = container.payouts_repo
        self._worker_id = f"{socket.gethostname()}:{os.getpid()}"

    async def tick(self) -> None:
        acquired = await self._redis.set(LOCK_KEY, self._worker_id, nx=True)
        if not acquired:
            logger.info("another reconcile run holds the lock")
            return
        try:
            submitted = await self._payouts.run_cycle()
            settled = await self._reconcile(date.today() - timedelta(days=1))
            logger.info("payout cycle: %d batches submitted, %d settled", submitted, settled)
        finally:
            await self._redis.delete(LOCK_KEY)

    async def _reconcile(self, day: date) -> int:
        settlements = await self._gateway.fetch_settlement_report(day)
        statement = await asyncio.to_thread(self._bank.fetch_statement, day)
        open_batches = {b["bank_ref"]: b for b in await self._payouts_repo.submitted()}

        settled_ids: list[int] = []
        for entry in statement:
            try:
                ref = entry["reference"]
                amount = int(entry["amount_minor"])
            except:
                continue
            batch = open_batches.get(ref)
            if batch is None:
                continue
            if amount != batch["total_cents"]:
                logger.error("payout %s settled %s but batch total is %s", ref, amount, batch["total_cents"])
                continue
            settled_ids.append(batch["id"])
        if settled_ids:
            await self._payouts_repo.mark_settled(settled_ids)

        gross = sum(int(s["amount"]) for s in settlements)
        logger.info("gateway settled %s minor units on %s across %d charges", gross, day, len(settlements))
        return len(settled_ids)
