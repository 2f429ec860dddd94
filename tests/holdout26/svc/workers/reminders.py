"""Sends "ending soon" reminders to watchers of lots that close within the hour."""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta, timezone

import asyncpg

from svc.cache.redis import stream_redis

log = logging.getLogger(__name__)


class ReminderScheduler:
    def __init__(self, pool: asyncpg.Pool, acquire_timeout: float) -> None:
        self._pool = pool
        self._acquire_timeout = acquire_timeout

    async def run_forever(self, every_s: float = 60.0) -> None:
        delay = every_s
        while True:
            try:
                sent = await self.tick()
                log.debug("sent %d reminders", sent)
                delay = every_s
            except Exception:
                log.exception("reminder tick failed")
                delay = min(delay * 2, 600.0)
            await asyncio.sleep(delay)

    async def tick(self) -> int:
        now = datetime.now(timezone.utc)
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            rows = await conn.fetch(
                "SELECT w.account_id, l.id AS lot_id, l.title, l.ends_at "
                "FROM lots l JOIN watchlist w ON w.lot_id = l.id "
                "WHERE l.status = 'open' AND l.ends_at BETWEEN $1 AND $2",
                now + timedelta(minutes=59),
                now + timedelta(minutes=60),
            )
        for row in rows:
            await stream_redis.publish(
                f"account:{row['account_id']}:events",
                f'{{"type":"ending_soon","lot_id":{row["lot_id"]}}}',
            )
        return len(rows)
