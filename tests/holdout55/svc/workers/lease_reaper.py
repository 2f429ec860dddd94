"""Requeues jobs whose runner stopped renewing the lease, and marks silent runners offline."""
from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

import redis.asyncio as redis
from sqlalchemy import select, update

from svc.config import get_settings
from svc.db.engine import SessionFactory
from svc.db.models import Runner
from svc.repositories.jobs import JobRepository
from svc.services.lease_book import LeaseBook
from svc.utils.common import utcnow
from svc.workers.supervisor import LeaderLock

logger = logging.getLogger(__name__)

INTERVAL_SECONDS = 15


async def _reap_once(lease_book: LeaseBook) -> None:
    settings = get_settings()
    now = utcnow()
    expired_local = await lease_book.expire()
    if expired_local:
        logger.info("dropped %d local leases past expiry", len(expired_local))
    async with SessionFactory() as session:
        requeued = await JobRepository(session).requeue_expired(now)
        cutoff = now - timedelta(seconds=settings.heartbeat_timeout * 2)
        runners = (await session.execute(select(Runner).where(Runner.status == "online"))).scalars().all()
        stale = [r.id for r in runners if r.last_seen is not None and r.last_seen > cutoff]
        if stale:
            await session.execute(update(Runner).where(Runner.id.in_(stale)).values(status="offline"))
        await session.commit()
    if requeued:
        logger.warning("requeued %d jobs with expired leases: %s", len(requeued), requeued[:20])
    if stale:
        logger.info("marked %d runners offline", len(stale))


async def run_lease_reaper(client: redis.Redis, lease_book: LeaseBook, stop: asyncio.Event) -> None:
    lock = LeaderLock(client, "lease-reaper", ttl=INTERVAL_SECONDS * 2)
    while not stop.is_set():
        try:
            if await lock.acquire():
                try:
                    await _reap_once(lease_book)
                finally:
                    await lock.release()
        except Exception:
            logger.exception("lease reaper pass failed")
        try:
            await asyncio.wait_for(stop.wait(), timeout=INTERVAL_SECONDS)
        except asyncio.TimeoutError:
            pass
