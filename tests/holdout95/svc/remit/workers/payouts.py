"""Payout workers: the dispatcher moves funded transfers to partners; the poller tracks in-flight payouts (partners differ in cadence)."""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta, timezone

from ..container import Container
from ..models import Transfer
from ..redis_client import LockNotAcquired, distributed_lock
from ..repositories.customers import RecipientRepository
from ..repositories.partners import PartnerRepository
from ..repositories.quotes import QuoteRepository
from ..repositories.transfers import TransferRepository

log = logging.getLogger(__name__)

IDLE_SLEEP = 2.0


async def dispatch_batch(container: Container) -> int:
    async with container.sessions() as session:
        async with session.begin():
            transfers = TransferRepository(session)
            batch = await transfers.claim_funded(limit=25)
            if not batch:
                return 0
            recipients = await RecipientRepository(session).get_many(t.recipient_id for t in batch)
            quotes = await QuoteRepository(session).get_many([t.quote_id for t in batch])
            for transfer in batch:
                quote = quotes.get(transfer.quote_id)
                recipient = recipients[transfer.recipient_id]
                await container.payouts.dispatch(transfers, transfer, recipient,
                                                 quote.source_currency if quote else "USD")
    return len(batch)


async def run_dispatcher(container: Container) -> None:
    while True:
        handled = await dispatch_batch(container)
        if handled == 0:
            await asyncio.sleep(IDLE_SLEEP)



MAX_CONCURRENT_POLLS = 10
LOOP_INTERVAL = 15.0


def _due(transfer: Transfer, interval_seconds: int, now: datetime) -> bool:
    return transfer.updated_at + timedelta(seconds=interval_seconds) <= now


async def poll_once(container: Container) -> int:
    async with container.sessions() as session:
        transfers = TransferRepository(session)
        partners = PartnerRepository(session)
        pending = await transfers.pending_payouts(limit=200)
        now = datetime.now(timezone.utc)
        due: list[Transfer] = []
        for transfer in pending:
            config = await partners.get_config(transfer.partner_id or "")
            if config is not None and config.enabled and _due(transfer, config.poll_interval_seconds, now):
                due.append(transfer)
        quotes = await QuoteRepository(session).get_many([t.quote_id for t in due])
        slots = asyncio.Semaphore(MAX_CONCURRENT_POLLS)

        async def _poll(transfer: Transfer):
            async with slots:
                return transfer, await container.payouts.poll(transfer)

        results = await asyncio.gather(*(_poll(t) for t in due))
        for transfer, status in results:
            if status is None:
                continue
            quote = quotes.get(transfer.quote_id)
            await container.payouts.apply_status(transfers, transfer, status,
                                                 quote.source_currency if quote else "USD")
        await session.commit()
        return len(due)


async def run_poller(container: Container) -> None:
    while True:
        try:
            async with distributed_lock(container.redis, "payout-poller", ttl=600):
                polled = await poll_once(container)
                log.debug("polled %d payouts", polled)
        except LockNotAcquired:
            pass
        await asyncio.sleep(LOOP_INTERVAL)
