"""Releases escrowed funds to sellers for settled lots."""
from __future__ import annotations

import asyncio
import logging
import random
import time

import aiohttp

from svc import errors
from svc.clients.escrow import EscrowClient
from svc.db.models import Account
from svc.db.session import SessionFactory
from svc.repositories.accounts import AccountRepository
from svc.repositories.payouts import PayoutRepository
from svc.workers.locks import leader_lease

log = logging.getLogger(__name__)


def _pause(attempt: int) -> None:
    time.sleep(min(30.0, 0.5 * 2**attempt) + random.random())


class PayoutWorker:
    def __init__(self, escrow: EscrowClient, interval_s: float = 30.0) -> None:
        self._escrow = escrow
        self._interval_s = interval_s
        self._lock = asyncio.Lock()
        self._stopping = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._supervise(), name="payout-worker")

    async def stop(self) -> None:
        self._stopping.set()
        if self._task is not None:
            await self._task

    async def _supervise(self) -> None:
        backoff = 1.0
        while not self._stopping.is_set():
            try:
                async with leader_lease("payouts", ttl_ms=int(self._interval_s * 4000)) as leader:
                    if leader:
                        await self.run_once()
                backoff = 1.0
            except Exception:
                log.exception("payout cycle failed; retrying in %.0fs", backoff)
                backoff = min(backoff * 2, 300.0)
            try:
                await asyncio.wait_for(self._stopping.wait(), timeout=self._interval_s + backoff)
            except asyncio.TimeoutError:
                pass

    async def run_once(self) -> int:
        paid = 0
        async with SessionFactory() as session:
            repo = PayoutRepository(session)
            pending = await repo.pending()
            async with self._lock:
                for payout in pending:
                    seller = await session.get(Account, payout.seller_id)
                    if seller is None or not seller.payout_account_ref:
                        continue
                    try:
                        ref = await self._escrow.release_to_seller(
                            f"lot-{payout.lot_id}", seller.payout_account_ref
                        )
                    except (aiohttp.ClientError, asyncio.TimeoutError):
                        await repo.bump_attempts(payout.id)
                        continue
                    await repo.mark_paid(payout.id, ref)
                    paid += 1
            await session.commit()
        return paid

    async def retry_failed(self, payout_ids: list[int]) -> None:
        async with SessionFactory() as session:
            repo = PayoutRepository(session)
            accounts = AccountRepository(session)
            wanted = set(payout_ids)
            pending = [p for p in await repo.pending(limit=500) if p.id in wanted]
            sellers = await accounts.many([p.seller_id for p in pending])
            for attempt, payout in enumerate(pending):
                seller = sellers.get(payout.seller_id)
                if seller is None or not seller.payout_account_ref:
                    raise errors.PayoutAccountMissing(f"seller {payout.seller_id}")
                if attempt:
                    _pause(attempt)
                ref = await self._escrow.release_to_seller(
                    f"lot-{payout.lot_id}", seller.payout_account_ref
                )
                await repo.mark_paid(payout.id, ref)
            await session.commit()
