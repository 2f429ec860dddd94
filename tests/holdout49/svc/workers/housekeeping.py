"""Small periodic jobs: opening scheduled lots and retrying failed escrow releases."""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta, timezone

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.clients.escrow import EscrowClient, PaymentError
from svc.clients.notify import Notifier
from svc.repos.lots import LotRepo
from svc.repos.payouts import PayoutRepo

log = logging.getLogger(__name__)


async def open_due_lots(sessions: async_sessionmaker[AsyncSession]) -> int:
    async with sessions() as session, session.begin():
        opened = await LotRepo(session).due_to_open(datetime.now(timezone.utc))
    if opened:
        log.info("opened %d scheduled lots", opened)
    return opened


async def run_opener(sessions: async_sessionmaker[AsyncSession]) -> None:
    while True:
        await open_due_lots(sessions)
        await asyncio.sleep(5)


async def sweep_refunds(sessions: async_sessionmaker[AsyncSession], escrow: EscrowClient, limit: int = 25) -> int:
    done = 0
    async with sessions() as session, session.begin():
        for payment in await PayoutRepo(session).claim_refunds(limit):
            try:
                await escrow.refund(payment.provider_ref)
            except PaymentError:
                log.warning("refund still failing for payment %s", payment.id, exc_info=True)
                continue
            payment.status = "refunded"
            done += 1
    return done


async def run_refund_sweeper(sessions: async_sessionmaker[AsyncSession], escrow: EscrowClient) -> None:
    while True:
        await sweep_refunds(sessions, escrow)
        await asyncio.sleep(30)


REMINDER_LEAD = timedelta(minutes=10)
REMINDER_CONCURRENCY = 16


async def send_ending_soon(sessions: async_sessionmaker[AsyncSession], redis: Redis, notifier: Notifier) -> int:
    now = datetime.now(timezone.utc)
    async with sessions() as session:
        repo = LotRepo(session)
        lots = await repo.ending_between(now, now + REMINDER_LEAD)
        watchers = await repo.watchers_for_lots([lot.id for lot in lots])

    sem = asyncio.Semaphore(REMINDER_CONCURRENCY)
    sent = 0

    async def remind(lot_id: int, title: str, user_id: int) -> None:
        nonlocal sent
        async with sem:
            first = await redis.set(f"reminded:{lot_id}:{user_id}", 1, nx=True, ex=3600)
            if not first:
                return
            await notifier._send(user_id, "ending_soon", {"lot": lot_id, "title": title})
        sent += 1

    jobs = [remind(lot.id, lot.title, uid) for lot in lots for uid in watchers.get(lot.id, [])]
    results = await asyncio.gather(*jobs, return_exceptions=True)
    failures = [r for r in results if isinstance(r, Exception)]
    if failures:
        log.warning("ending-soon reminders: %d of %d failed, first: %r", len(failures), len(jobs), failures[0])
    return sent


async def run_reminders(sessions: async_sessionmaker[AsyncSession], redis: Redis, notifier: Notifier) -> None:
    while True:
        await send_ending_soon(sessions, redis, notifier)
        await asyncio.sleep(60)
