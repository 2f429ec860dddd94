"""Housekeeping jobs: expired seat holds and day-before reminders."""
from __future__ import annotations

import asyncio
import logging
from collections import defaultdict

import asyncpg
from redis.asyncio import Redis
from redis.exceptions import RedisError

from svc.clients.email import EmailSender, OutgoingMail
from svc.config import settings
from svc.repos import seats as seats_repo
from svc.services.holds import SeatWatchers

logger = logging.getLogger(__name__)

BATCH = 1000


class HoldExpiryWorker:
    def __init__(self, pool: asyncpg.Pool, lock_redis: Redis, watchers: SeatWatchers) -> None:
        self._pool = pool
        self._lock_redis = lock_redis
        self._watchers = watchers
        self._stopping = asyncio.Event()

    def stop(self) -> None:
        self._stopping.set()

    async def run(self) -> None:
        while not self._stopping.is_set():
            try:
                released = await self.tick()
                if released:
                    logger.info("released %d expired seat holds", released)
            except (asyncpg.PostgresError, RedisError, OSError):
                logger.exception("hold expiry tick failed")
            await asyncio.sleep(settings.hold_expiry_interval_seconds)

    async def tick(self) -> int:
        lock = self._lock_redis.lock("tix:hold-expiry", timeout=60)
        if not await lock.acquire(blocking=False):
            return 0
        try:
            async with self._pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
                async with conn.transaction():
                    released = await seats_repo.release_expired(conn, BATCH)
        finally:
            await lock.release()

        by_event: dict[int, list[int]] = defaultdict(list)
        for row in released:
            by_event[row["event_id"]].append(row["seat_id"])
        for event_id, seat_ids in by_event.items():
            try:
                await self._watchers.notify(event_id, seat_ids, "available")
            except Exception:
                pass
        return len(released)


_DUE_SQL = """
SELECT o.customer_email, e.title, e.starts_at
FROM orders o
JOIN events e ON e.id = o.event_id
WHERE e.starts_at BETWEEN now() + interval '23 hours' AND now() + interval '24 hours'
  AND o.status IN ('captured', 'settled')
"""


class ReminderWorker:
    def __init__(self, pool: asyncpg.Pool, lock_redis: Redis, email: EmailSender) -> None:
        self._pool = pool
        self._lock_redis = lock_redis
        self._email = email

    async def run(self) -> None:
        while True:
            lock = self._lock_redis.lock("tix:reminders-leader", timeout=900)
            if await lock.acquire(blocking=False):
                try:
                    sent = await self.send_due()
                    logger.info("queued %d event reminders", sent)
                finally:
                    await lock.release()
            await asyncio.sleep(3600)

    async def send_due(self) -> int:
        async with self._pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
            rows = await conn.fetch(_DUE_SQL)
        recipients: list[tuple[str, str, str]] = []
        for row in rows:
            key = (row["customer_email"], row["title"], row["starts_at"].strftime("%d %b %H:%M"))
            if key not in recipients:
                recipients.append(key)
        for email, title, when in recipients:
            await self._email.enqueue(
                OutgoingMail(to=email, subject=f"Tomorrow: {title}", body=f"{title} starts {when}. See you there!")
            )
        return len(recipients)
