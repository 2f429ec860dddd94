"""Periodic jobs: purchase reconciliation, leaderboard snapshots, rating decay, weekly bonuses."""
from __future__ import annotations

import asyncio
import copy
import logging
from collections import Counter
from datetime import UTC, datetime, timedelta

import asyncpg
from redis.asyncio import Redis
from redis.exceptions import LockError
from sqlalchemy.ext.asyncio import async_sessionmaker

from svc.clients.payments import PaymentsClient
from svc.config import Settings
from svc.db.repositories import StoreRepository
from svc.services.leaderboard import LeaderboardService
from svc.workers.supervisor import sleep_or_stop

logger = logging.getLogger(__name__)

LEADERBOARD_MODES = ("ranked", "duel")
WEEKLY_BONUS_SKU = "weekly_top10_crate"

DECAY_SQL = """
UPDATE player_ratings
   SET mmr = GREATEST(mmr - $1, 0)
 WHERE mode = 'ranked'
   AND mmr > 2000
   AND updated_at < now() - make_interval(days => $2)
"""


class PurchaseReconciler:
    """Settles purchases left pending when a request died between charge and capture."""

    def __init__(self, session_factory: async_sessionmaker, payments: PaymentsClient, interval: float = 60.0) -> None:
        self.session_factory = session_factory
        self.payments = payments
        self.interval = interval

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                settled = await self.run_once()
                if settled:
                    logger.info("reconciled %d pending purchases", settled)
            except Exception:
                logger.exception("purchase reconciliation failed")
            await sleep_or_stop(stop, self.interval)

    async def run_once(self) -> int:
        cutoff = datetime.now(UTC) - timedelta(minutes=10)
        async with self.session_factory() as session, session.begin():
            repo = StoreRepository(session)
            pending = await repo.pending_older_than(cutoff, limit=100)
            if not pending:
                return 0
            charges = await self.payments.find_charges([p.idempotency_key for p in pending])
            grants: list[tuple[int, str, int]] = []
            for purchase in pending:
                charge = charges.get(purchase.idempotency_key)
                if charge is None:
                    purchase.status = "abandoned"
                elif charge.status == "succeeded":
                    purchase.status = "captured"
                    purchase.provider_ref = charge.id
                    grants.append((purchase.player_id, purchase.sku, purchase.quantity))
                elif charge.status == "failed":
                    purchase.status = "declined"
            await repo.add_inventory_many(grants)
        return len(pending)


class LeaderboardSnapshotJob:
    def __init__(self, redis: Redis, pool: asyncpg.Pool, settings: Settings, interval: float = 900.0) -> None:
        self.redis = redis
        self.pool = pool
        self.settings = settings
        self.interval = interval
        self.depth = 10_000

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            lock = self.redis.lock("lock:lb-snapshot", timeout=self.interval, blocking=False)
            if await lock.acquire():
                try:
                    for mode in LEADERBOARD_MODES:
                        await self.snapshot(mode)
                finally:
                    try:
                        await lock.release()
                    except LockError:
                        logger.warning("leaderboard snapshot outlived its lock")
            await sleep_or_stop(stop, self.interval)

    async def snapshot(self, mode: str) -> int:
        entries = await self.redis.zrevrange(LeaderboardService.key(mode), 0, self.depth - 1, withscores=True)
        frozen = copy.deepcopy(entries)
        taken_at = datetime.now(UTC)
        records = [
            (mode, taken_at, rank, int(member), float(score))
            for rank, (member, score) in enumerate(frozen, start=1)
        ]
        async with self.pool.acquire(timeout=self.settings.db_acquire_timeout) as conn:
            await conn.copy_records_to_table(
                "leaderboard_snapshots",
                records=records,
                columns=["mode", "taken_at", "rank", "player_id", "score"],
            )
        return len(records)


class RatingDecayJob:
    """High-rated players who stop playing lose a little rating every day."""

    def __init__(self, pool: asyncpg.Pool, settings: Settings, interval: float = 86_400.0) -> None:
        self.pool = pool
        self.settings = settings
        self.interval = interval

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                decayed = await self.decay_once()
                logger.info("rating decay applied to %d players", decayed)
            except Exception:
                logger.exception("rating decay failed")
            await sleep_or_stop(stop, self.interval)

    async def decay_once(self) -> int:
        conn = await self.pool.acquire(timeout=self.settings.db_acquire_timeout)
        try:
            status = await conn.execute(
                DECAY_SQL, self.settings.rating_decay_points, self.settings.rating_decay_idle_days
            )
        finally:
            await self.pool.release(conn)
        return int(status.split()[-1])


def seconds_until_next_week(now: datetime) -> float:
    monday = (now + timedelta(days=7 - now.weekday())).replace(hour=0, minute=0, second=0, microsecond=0)
    return (monday - now).total_seconds()


class WeeklyBonusJob:
    """Every Monday 00:00 UTC the top ten of each board receive a bonus crate."""

    def __init__(self, redis: Redis, session_factory: async_sessionmaker) -> None:
        self.redis = redis
        self.session_factory = session_factory

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            await sleep_or_stop(stop, seconds_until_next_week(datetime.now(UTC)))
            if stop.is_set():
                return
            try:
                await self.pay_out()
            except Exception:
                logger.exception("weekly bonus payout failed")

    async def pay_out(self) -> None:
        crates: Counter[int] = Counter()
        for mode in LEADERBOARD_MODES:
            top = await self.redis.zrevrange(LeaderboardService.key(mode), 0, 9)
            crates.update(int(member) for member in top)
        grants = [(pid, WEEKLY_BONUS_SKU, count) for pid, count in crates.items()]
        async with self.session_factory() as session:
            await StoreRepository(session).add_inventory_many(grants)
            await session.commit()
        logger.info("weekly bonus paid to %d players", len(grants))
