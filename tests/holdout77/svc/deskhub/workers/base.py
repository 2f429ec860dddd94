from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

import asyncpg
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from ..clients.locks import LockVendorClient
from ..clients.messaging import MailClient, SmsClient
from ..clients.payments import PaymentsClient
from ..db import build_engine, build_redis, build_sessionmaker, create_pg_pool
from ..repositories.occupancy import OccupancyStore
from ..services.billing_service import BillingService
from ..services.notifications import Notifier
from ..services.subscriptions import SubscriptionService
from ..settings import Settings
from ..utils.concurrency import KeyedLocks, RedisLock
from ..utils.resilience import CircuitBreaker

logger = logging.getLogger(__name__)


@dataclass
class WorkerContext:
    settings: Settings
    engine: AsyncEngine
    sessionmaker: async_sessionmaker[AsyncSession]
    pg_pool: asyncpg.Pool
    redis: Redis
    payments: PaymentsClient
    payments_breaker: CircuitBreaker
    locks: LockVendorClient
    mail: MailClient
    notifier: Notifier
    member_locks: KeyedLocks
    occupancy_store: OccupancyStore

    def billing_for(self, session: AsyncSession) -> BillingService:
        subscriptions = SubscriptionService(session, self.redis, self.member_locks)
        return BillingService(session, self.payments, self.payments_breaker, subscriptions, self.member_locks)

    async def close(self) -> None:
        await self.locks.close()
        await self.payments.aclose()
        await self.mail.aclose()
        await self.redis.aclose()
        await self.pg_pool.close()
        await self.engine.dispose()


async def build_context(settings: Settings) -> WorkerContext:
    engine = build_engine(settings)
    pg_pool = await create_pg_pool(settings)
    locks = LockVendorClient(settings.locks_base_url, settings.locks_client_id, settings.locks_client_secret)
    await locks.start()
    mail = MailClient(settings.mail_base_url, settings.mail_api_key)
    return WorkerContext(
        settings, engine, build_sessionmaker(engine), pg_pool, build_redis(settings),
        PaymentsClient(settings.payments_base_url, settings.payments_api_key),
        CircuitBreaker("paywell", failure_threshold=5, reset_after=60.0),
        locks, mail, Notifier(mail, SmsClient(settings.sms_base_url, settings.sms_api_key)),
        KeyedLocks(), OccupancyStore(pg_pool),
    )


class PeriodicWorker:
    """Runs `run_once` every `interval` seconds.

    Exclusive workers hold a redis lease for the duration of a pass so only one replica works
    at a time; the others skip that tick.
    """

    name = "worker"
    interval = 60.0
    exclusive = True
    lease_ms = 10 * 60 * 1000

    def __init__(self, ctx: WorkerContext) -> None:
        self.ctx = ctx

    async def run_once(self) -> None:
        raise NotImplementedError

    async def _tick(self) -> None:
        if not self.exclusive:
            await self.run_once()
            return
        lease = RedisLock(self.ctx.redis, f"worker-lease:{self.name}", ttl_ms=self.lease_ms)
        if not await lease.acquire():
            logger.debug("%s: another replica holds the lease", self.name)
            return
        try:
            await self.run_once()
        finally:
            await lease.release()

    async def run_forever(self, stop: asyncio.Event) -> None:
        logger.info("%s worker started (every %.0fs)", self.name, self.interval)
        while not stop.is_set():
            await self._tick()
            try:
                await asyncio.wait_for(stop.wait(), timeout=self.interval)
            except asyncio.TimeoutError:
                pass
        logger.info("%s worker stopped", self.name)
