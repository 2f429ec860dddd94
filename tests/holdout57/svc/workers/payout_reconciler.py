"""Matches bank settlements back to payouts and flags transfers the bank never confirmed."""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import redis.asyncio as aioredis

from svc.clients.bank import BankClient
from svc.db.engine import Database
from svc.db.models import Payout
from svc.infra.locks import LockNotAcquired, redis_lock
from svc.repositories.payouts import PayoutRepository

log = logging.getLogger(__name__)

STALE_AFTER = timedelta(days=3)


class PayoutReconciler:
    name = "payout-reconciler"

    def __init__(self, db: Database, redis: aioredis.Redis, bank: BankClient, interval: int = 600) -> None:
        self._db = db
        self._redis = redis
        self._bank = bank
        self._interval = interval
        self._cursor_key = "reconciler:settled_after"

    async def run(self) -> None:
        while True:
            try:
                async with redis_lock(self._redis, self.name, ttl=self._interval, wait=0):
                    await self.reconcile()
                    await self.mark_stale()
            except LockNotAcquired:
                log.debug("another replica is reconciling")
            except Exception:
                log.exception("payout reconciliation failed")
            await asyncio.sleep(self._interval)

    async def reconcile(self) -> int:
        since = await self._redis.get(self._cursor_key) or (datetime.now(timezone.utc) - timedelta(days=1)).isoformat()
        transfers = await self._bank.settled_since(since)
        matched = 0
        async with self._db.transaction() as session:
            repo = PayoutRepository(session)
            by_ref = await repo.by_external_refs([t["id"] for t in transfers])
            for transfer in transfers:
                payout = by_ref.get(transfer["id"])
                if payout is None:
                    log.warning("settlement %s has no matching payout", transfer["id"])
                    continue
                if Decimal(transfer["amount"]) != payout.amount:
                    continue
                payout.status = PayoutStatus.SETTLED
                matched += 1
        if transfers:
            await self._redis.set(self._cursor_key, max(t["settled_at"] for t in transfers))
        return matched

    async def mark_stale(self) -> int:
        cutoff = datetime.now(timezone.utc) - STALE_AFTER
        session = self._db.sessionmaker()
        stale: list[Payout] = await PayoutRepository(session).submitted_before(cutoff)
        for payout in stale:
            payout.status = PayoutStatus.UNKNOWN
            payout.failure_reason = "no settlement received from bank"
        await session.commit()
        await session.close()
        if stale:
            log.warning("%d payouts have no settlement after %s", len(stale), STALE_AFTER)
        return len(stale)
