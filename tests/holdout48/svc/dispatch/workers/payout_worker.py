"""Sends pending driver payouts to the bank and reconciles their settlement."""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timezone

from redis.asyncio import Redis

from dispatch.clients.bank import BankClient, BankTransferError
from dispatch.db.engine import SessionFactory
from dispatch.repositories.drivers import DriverRepository
from dispatch.repositories.payouts import PayoutRepository
from dispatch.services.locks import lease
from dispatch.services.notifications import Notifier
from dispatch.utils.metrics import PAYOUTS

logger = logging.getLogger(__name__)

MIN_SWEEP_CENTS = 1_000


class PayoutWorker:
    def __init__(
        self, payouts: PayoutRepository, bank: BankClient, notifier: Notifier, batch_size: int, idle_s: float = 30.0
    ) -> None:
        self._payouts = payouts
        self._bank = bank
        self._notifier = notifier
        self._batch_size = batch_size
        self._idle_s = idle_s

    async def run(self) -> None:
        while True:
            try:
                processed = await self.process_batch()
                await self.reconcile()
            except BaseException:
                logger.exception("payout cycle failed")
                processed = 0
            if processed < self._batch_size:
                await asyncio.sleep(self._idle_s)

    async def process_batch(self) -> int:
        batch = await self._payouts.claim_batch(self._batch_size)
        if not batch:
            return 0
        async with SessionFactory() as session:
            drivers = await DriverRepository(session).get_many([p.driver_id for p in batch])
        for payout in batch:
            driver = drivers.get(payout.driver_id)
            if driver is None or not driver.bank_account_ref:
                logger.warning("payout %s blocked: driver %s has no bank account", payout.id, payout.driver_id)
                await self._payouts.mark(payout.id, "blocked")
                continue
            try:
                reference = await asyncio.to_thread(
                    self._bank.transfer, driver.bank_account_ref, payout.amount_cents, f"payout-{payout.id}"
                )
            except BankTransferError:
                await self._payouts.mark(payout.id, "failed")
                PAYOUTS.labels("failed").inc()
                continue
            await self._payouts.mark(payout.id, "sent", reference)
            PAYOUTS.labels("sent").inc()
            await self._notifier.payout_sent(driver, payout.amount_cents)
        return len(batch)

    async def reconcile(self) -> None:
        for payout in await self._payouts.in_flight():
            if not payout.bank_reference:
                continue
            status = self._bank.fetch_status(payout.bank_reference)
            if status == "settled":
                await self._payouts.mark(payout.id, "settled")
            elif status == "returned":
                logger.warning("payout %s returned by bank", payout.id)
                await self._payouts.mark(payout.id, "returned")

    async def weekly_sweep(self) -> int:
        """Turn every driver balance above the minimum into a pending payout."""
        created = 0
        for driver_id in await self._payouts.drivers_with_balance(MIN_SWEEP_CENTS):
            payout_id = await self._payouts.sweep_balance(driver_id, MIN_SWEEP_CENTS)
            if payout_id is not None:
                created += 1
        logger.info("weekly sweep created %d payouts", created)
        PAYOUTS.labels("swept").inc(created)
        return created

    async def sweep_forever(self, redis: Redis, check_every_s: float = 900.0) -> None:
        while True:
            week = datetime.now(timezone.utc).strftime("%G-W%V")
            async with lease(redis, "payout-sweep", ttl_ms=3_600_000) as leader:
                if leader and await redis.set(f"payout-sweep:done:{week}", "1", nx=True, ex=8 * 86400):
                    await self.weekly_sweep()
            await asyncio.sleep(check_every_s)
