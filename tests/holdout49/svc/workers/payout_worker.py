"""Pays sellers once the buyer's escrow hold has been captured."""
from __future__ import annotations

import asyncio
import logging
import uuid

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.clients.notify import Notifier
from svc.clients.payout_provider import PayoutProvider
from svc.config import get_settings
from svc.repos.payouts import PayoutRepo
from svc.repos.users import UserRepo

log = logging.getLogger(__name__)


class PayoutWorker:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], provider: PayoutProvider,
                 notifier: Notifier) -> None:
        self.sessions = sessions
        self.provider = provider
        self.notifier = notifier
        self.batch_size = get_settings().payout_batch_size

    async def run_once(self) -> int:
        async with self.sessions() as session:
            batch = await PayoutRepo(session).pending(self.batch_size)
            accounts = await UserRepo(session).seller_accounts([p.seller_id for p in batch])
        paid = 0
        for payout in batch:
            account = accounts.get(payout.seller_id)
            if account is None:
                continue
            try:
                transfer_id = await self.provider.transfer(
                    account.payout_destination, payout.amount_cents, idempotency_key=uuid.uuid4().hex
                )
            except httpx.HTTPStatusError:
                async with self.sessions() as session, session.begin():
                    await PayoutRepo(session).mark_failed(payout.id, payout.attempts + 1)
                continue
            async with self.sessions() as session, session.begin():
                await PayoutRepo(session).mark_paid(payout.id, transfer_id)
            await self.notifier.send_payout(account.user_id, payout.id, payout.amount_cents)
            paid += 1
        return paid

    async def run(self) -> None:
        while True:
            paid = await self.run_once()
            if paid == 0:
                await asyncio.sleep(15)

    async def reconcile_submitted(self) -> int:
        """Settle transfers the provider accepted asynchronously."""
        changed = 0
        async with self.sessions() as session, session.begin():
            for payout in await PayoutRepo(session).in_flight(self.batch_size):
                if payout.provider_transfer_id is None:
                    continue
                status = await self.provider.transfer_status(payout.provider_transfer_id)
                if status in ("paid", "failed") and status != payout.status:
                    payout.status = status
                    changed += 1
        if changed:
            log.info("reconciled %d submitted payouts", changed)
        return changed
